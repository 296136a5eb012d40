package dev.estore.shared.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class ExportWhenConfiguredSamplerTest {

    private static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";

    @Test
    void withQuarkusDefaultEndpointOnlySpansKeepTheirIdsButAreNotRecorded() {
        ExportWhenConfiguredSampler sampler = new ExportWhenConfiguredSampler(config(Map.of()));
        Span parent = startSpan(sampler, null);

        assertThat(parent.getSpanContext().isValid()).isTrue();
        assertThat(parent.isRecording()).isFalse();
        assertThat(parent.getSpanContext().isSampled()).isFalse();
        try (Scope scope = parent.makeCurrent()) {
            Span child = startSpan(sampler, parent);
            assertThat(child.getSpanContext().getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
            assertThat(child.getSpanContext().getSpanId()).isNotEqualTo(parent.getSpanContext().getSpanId());
        }
    }

    @Test
    void anEndpointSetByTheEnvironmentSamplesForTheExporter() {
        assertThat(startSpan(new ExportWhenConfiguredSampler(config(Map.of(ENDPOINT, "http://collector:4317"))),
                null).getSpanContext().isSampled()).isTrue();
        // a collector beside the app may well listen on the default address: set explicitly, it counts
        assertThat(startSpan(new ExportWhenConfiguredSampler(config(Map.of(
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://localhost:4317/"))), null).isRecording())
                .isTrue();
    }

    /** Quarkus' default endpoint (OtlpExporterConfigBuilder) under what the environment sets. */
    private static Config config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder().withDefaultValue(ENDPOINT, "http://localhost:4317/")
                .withSources(new PropertiesConfigSource(environment, "environment", 300)).build();
    }

    private static Span startSpan(ExportWhenConfiguredSampler sampler, Span parent) {
        var builder = SdkTracerProvider.builder().setSampler(sampler).build().get("test").spanBuilder("work");
        if (parent == null) {
            builder.setNoParent();
        }
        return builder.startSpan();
    }
}
