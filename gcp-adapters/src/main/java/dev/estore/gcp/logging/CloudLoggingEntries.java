package dev.estore.gcp.logging;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Quarkus' JSON log entries finished for Cloud Logging. Two things its formatter cannot be configured to do:
 * <ul>
 * <li>the trace the entry belongs to, in the top-level fields Cloud Logging reads from a container's JSON lines
 * ({@code logging.googleapis.com/trace} as {@code projects/<project>/traces/<traceId>},
 * {@code logging.googleapis.com/spanId}, {@code logging.googleapis.com/trace_sampled}), so the Logs Explorer shows
 * a file's load, build, snapshot and sync as one trace. The ids come from the record's logging context, where
 * Quarkus' OpenTelemetry puts the current span's; Quarkus writes them only under {@code mdc} (its
 * {@code log-format=gcp} names the fields {@code trace}/{@code spanId} and puts the application's name where the
 * project belongs);</li>
 * <li>{@code stack_trace} starting with the exception, as Error Reporting parses it: jboss-logmanager renders it
 * for a text pattern, after ": ".</li>
 * </ul>
 */
public final class CloudLoggingEntries extends ExtFormatter {

    static final String TRACE = "logging.googleapis.com/trace";
    static final String SPAN_ID = "logging.googleapis.com/spanId";
    static final String TRACE_SAMPLED = "logging.googleapis.com/trace_sampled";
    /** The stack trace's key as the gcp profile's key-overrides name it. */
    static final String STACK_TRACE = "stack_trace";

    private static final String PATTERN_STACK_TRACE = "\"" + STACK_TRACE + "\":\": ";

    private final Formatter json;
    private final String project;

    public CloudLoggingEntries(Formatter json, String project) {
        this.json = json;
        this.project = project;
    }

    @Override
    public String format(ExtLogRecord record) {
        String entry = json.format(record);
        if (!entry.startsWith("{")) {
            return entry;
        }
        if (record.getThrown() != null) {
            entry = entry.replace(PATTERN_STACK_TRACE, "\"" + STACK_TRACE + "\":\"");
        }
        String traceId = record.getMdc("traceId");
        if (!TraceId.isValid(traceId)) {
            return entry;
        }
        StringBuilder fields = new StringBuilder(entry.length() + 160).append('{');
        // the ids are hex digits (checked), the project id letters, digits and dashes: nothing to escape
        fields.append('"').append(TRACE).append("\":\"projects/").append(project).append("/traces/").append(traceId)
                .append("\",");
        String spanId = record.getMdc("spanId");
        if (SpanId.isValid(spanId)) {
            fields.append('"').append(SPAN_ID).append("\":\"").append(spanId).append("\",");
        }
        fields.append('"').append(TRACE_SAMPLED).append("\":").append("true".equals(record.getMdc("sampled")))
                .append(',');
        return fields.append(entry, 1, entry.length()).toString();
    }

    /** As the wrapped formatter: a queued or async handler would otherwise walk the stack for every record. */
    @Override
    public boolean isCallerCalculationRequired() {
        return json instanceof ExtFormatter ext ? ext.isCallerCalculationRequired() : super.isCallerCalculationRequired();
    }

    @Override
    public String getHead(Handler handler) {
        return json.getHead(handler);
    }

    @Override
    public String getTail(Handler handler) {
        return json.getTail(handler);
    }
}
