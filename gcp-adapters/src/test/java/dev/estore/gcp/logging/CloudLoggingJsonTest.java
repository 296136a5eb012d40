package dev.estore.gcp.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.quarkus.logging.json.runtime.JsonFormatter;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.MDC;
import org.jboss.logmanager.formatters.StructuredFormatter.ExceptionOutputType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The log entries of the gcp profile as Cloud Logging reads them: Quarkus' JSON formatter set up with this
 * module's %gcp settings (as Quarkus' recorder sets it up from them), decorated as {@link CloudLoggingFormatterInstaller}
 * decorates it.
 */
class CloudLoggingJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Properties settings;

    @BeforeAll
    static void readTheGcpProfilesSettings() throws IOException {
        // the gcp profile's settings of Quarkus' JSON formatter
        settings = new Properties();
        try (InputStream in = CloudLoggingJsonTest.class.getResourceAsStream("/application.properties")) {
            settings.load(in);
        }
        assertThat(settings.getProperty("%gcp.quarkus.log.console.json.enabled")).isEqualTo("true");
        assertThat(settings.getProperty("%gcp.quarkus.log.console.json.key-overrides"))
                .contains("stack-trace=" + CloudLoggingEntries.STACK_TRACE);
    }

    @Test
    void aFailureIsOneEntryWithSeverityMessageAndTheWholeStackTrace() throws IOException {
        IllegalStateException failure = new IllegalStateException("load failed",
                new IOException("connection reset"));

        String output = formatter().format(record(Level.ERROR, "Loading gs://b/x.csv failed", failure));

        assertThat(output).endsWith("\n");
        assertThat(output.strip()).doesNotContain("\n"); // one line: one Cloud Logging entry
        JsonNode entry = JSON.readTree(output);
        assertThat(entry.path("severity").asText()).isEqualTo("ERROR");
        assertThat(entry.path("message").asText()).isEqualTo("Loading gs://b/x.csv failed");
        assertThat(entry.path(CloudLoggingEntries.STACK_TRACE).asText())
                .startsWith("java.lang.IllegalStateException: load failed\n")
                .contains("\tat dev.estore.gcp.logging.CloudLoggingJsonTest")
                .contains("Caused by: java.io.IOException: connection reset");
        assertThat(entry.has("level")).isFalse();
        assertThat(entry.has(CloudLoggingEntries.TRACE)).isFalse(); // no span current
    }

    @Test
    void anEntryWrittenWhileASpanIsCurrentNamesItsTraceAndSpan() throws IOException {
        Span span = SdkTracerProvider.builder().build().get("test").spanBuilder("load").startSpan();
        String output;
        try (Scope scope = span.makeCurrent()) {
            // in an app Quarkus' OpenTelemetry puts the current span's ids in the logging context under these keys
            // (OpenTelemetryUtil.setMDCData); the runner's OneFileObservedTest shows it does
            MDC.put("traceId", span.getSpanContext().getTraceId());
            MDC.put("spanId", span.getSpanContext().getSpanId());
            MDC.put("sampled", String.valueOf(span.getSpanContext().isSampled()));
            output = formatter().format(record(Level.INFO, "Loaded gs://b/x.csv", null));
        } finally {
            MDC.clear();
            span.end();
        }

        JsonNode entry = JSON.readTree(output);
        assertThat(entry.path(CloudLoggingEntries.TRACE).asText())
                .isEqualTo("projects/estore-prod/traces/" + span.getSpanContext().getTraceId());
        assertThat(entry.path(CloudLoggingEntries.SPAN_ID).asText()).isEqualTo(span.getSpanContext().getSpanId());
        assertThat(entry.path(CloudLoggingEntries.TRACE_SAMPLED).asBoolean()).isTrue();
        assertThat(entry.path("severity").asText()).isEqualTo("INFO");
        assertThat(entry.path("mdc").path("traceId").asText()).isEqualTo(span.getSpanContext().getTraceId());
    }

    @Test
    void theInstallerWrapsTheJsonFormattersOfTheHandlerTreeOnly() {
        ExtHandler console = new ExtHandler() { };
        console.setFormatter(new JsonFormatter());
        ExtHandler file = new ExtHandler() { };
        file.setFormatter(new java.util.logging.SimpleFormatter());
        ExtHandler delayed = new ExtHandler() { };
        delayed.setHandlers(new Handler[] {console, file});

        assertThat(CloudLoggingFormatterInstaller.wrap(new Handler[] {delayed}, "estore-prod")).isEqualTo(1);
        assertThat(console.getFormatter()).isInstanceOf(CloudLoggingEntries.class);
        assertThat(file.getFormatter()).isInstanceOf(java.util.logging.SimpleFormatter.class);
    }

    /** Quarkus' JSON formatter as LoggingJsonRecorder builds it from the gcp profile's settings. */
    private static CloudLoggingEntries formatter() {
        JsonFormatter json = new JsonFormatter(settings.getProperty("%gcp.quarkus.log.console.json.key-overrides"));
        json.setExceptionOutputType(ExceptionOutputType.valueOf(settings
                .getProperty("%gcp.quarkus.log.console.json.exception-output-type").toUpperCase(Locale.ROOT)));
        return new CloudLoggingEntries(json, "estore-prod");
    }

    private static ExtLogRecord record(java.util.logging.Level level, String message, Throwable thrown) {
        ExtLogRecord record = new ExtLogRecord(level, message, ExtLogRecord.FormatStyle.NO_FORMAT,
                CloudLoggingJsonTest.class.getName());
        record.setThrown(thrown);
        record.copyMdc(); // what a handler does before formatting: the context of the logging thread
        return record;
    }
}
