package dev.estore.shared.tracing;

import dev.estore.shared.contracts.BusMessage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * The trace context across the bus (OpenTelemetry, W3C traceparent in the message attributes, as Pub/Sub carries
 * them): a message published while a span is current carries it, and its delivery runs in a consumer span that
 * continues the same trace, so one file's load, build, snapshot and sync are one trace: its log lines carry one
 * trace id (Quarkus puts the current span's traceId and spanId in the logging context). The spans are exported
 * only when an exporter is configured ({@link ExportWhenConfiguredSampler}); with the SDK disabled
 * (quarkus.otel.sdk.disabled=true) the API is a no-op and nothing is added.
 */
@ApplicationScoped
public class BusTracing {

    private static final TextMapGetter<Map<String, String>> ATTRIBUTES = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> attributes) {
            return attributes.keySet();
        }

        @Override
        public String get(Map<String, String> attributes, String key) {
            return attributes == null ? null : attributes.get(key);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    public BusTracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer("estore-bus");
    }

    /** Tracing off: for buses built by hand (tests, tools). */
    public static BusTracing off() {
        return new BusTracing(OpenTelemetry.noop());
    }

    /** The message with the current trace context added to its attributes (unchanged when there is none). */
    public BusMessage withCurrentContext(BusMessage message) {
        Map<String, String> attributes = new HashMap<>(message.attributes());
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), attributes, Map::put);
        return attributes.size() == message.attributes().size() ? message
                : new BusMessage(message.id(), message.topic(), message.data(), attributes, message.publishTime());
    }

    /**
     * Runs one delivery, its failure handling included, in a consumer span whose parent is the context the message
     * carries: the lines saying how the delivery went carry the trace of the file it is about. A failed delivery
     * says so with {@link #deliveryFailed}.
     */
    public void deliver(BusMessage message, String subscription, Runnable delivery) {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(),
                message.attributes(), ATTRIBUTES);
        Span span = tracer.spanBuilder(message.topic() + " process").setParent(parent)
                .setSpanKind(SpanKind.CONSUMER).setAttribute("messaging.destination.name", message.topic())
                .setAttribute("messaging.consumer.group.name", subscription)
                .setAttribute("messaging.message.id", String.valueOf(message.id())).startSpan();
        try (Scope scope = span.makeCurrent()) {
            delivery.run();
        } finally {
            span.end();
        }
    }

    /** Marks the delivery running on this thread (its consumer span) as failed, for this reason. */
    public static void deliveryFailed(String reason) {
        Span.current().setStatus(StatusCode.ERROR, reason);
    }

    /** A span of work that is not a delivery (a build run that several deliveries queued), under a context. */
    public Scope startWork(Context parent, String name) {
        Span span = tracer.spanBuilder(name).setParent(parent).startSpan();
        Scope scope = span.makeCurrent();
        return () -> {
            scope.close();
            span.end();
        };
    }
}
