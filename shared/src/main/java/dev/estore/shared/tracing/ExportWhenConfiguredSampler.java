package dev.estore.shared.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Traces always exist, spans are recorded only for an exporter. The OpenTelemetry SDK is on in every app so that
 * each unit of work has a trace id (in every log line's context, and in each message's traceparent across the
 * bus), but without an OTLP endpoint configured nothing would receive the spans: Quarkus' exporter would send
 * them to its default, localhost:4317, and warn on every batch. So spans are sampled (parent-based, Quarkus'
 * default) only when {@code quarkus.otel.exporter.otlp[.traces].endpoint} is set (by the environment or a
 * properties file, not Quarkus' built-in default); otherwise they are dropped, which keeps their ids. Quarkus uses
 * a Sampler bean in place of the configured sampler.
 */
@Singleton
public class ExportWhenConfiguredSampler implements Sampler {

    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.traces.endpoint",
            "quarkus.otel.exporter.otlp.endpoint");
    /** Where SmallRye Config ranks the defaults extensions register (DefaultValuesConfigSource). */
    private static final int BUILT_IN_DEFAULTS = Integer.MIN_VALUE;

    private final Sampler delegate;

    @Inject
    public ExportWhenConfiguredSampler(Config config) {
        this(ENDPOINTS.stream().map(config::getConfigValue));
    }

    ExportWhenConfiguredSampler(Stream<ConfigValue> endpoints) {
        this.delegate = endpoints.anyMatch(ExportWhenConfiguredSampler::configured)
                ? Sampler.parentBased(Sampler.alwaysOn()) : Sampler.alwaysOff();
    }

    private static boolean configured(ConfigValue endpoint) {
        return endpoint.getValue() != null && !endpoint.getValue().isBlank()
                && endpoint.getSourceOrdinal() > BUILT_IN_DEFAULTS;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "ExportWhenConfigured{" + delegate.getDescription() + "}";
    }
}
