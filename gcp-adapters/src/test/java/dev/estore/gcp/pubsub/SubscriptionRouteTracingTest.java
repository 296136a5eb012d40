package dev.estore.gcp.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.tracing.BusTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery runs, failures included, in a consumer span of the trace its message carries: the lines saying how a
 * delivery failed (logged inside that span) carry the trace of the file it was about, not of the push request.
 */
class SubscriptionRouteTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Map<String, String> TRACEPARENT = Map.of("traceparent",
            "00-" + TRACE_ID + "-00f067aa0ba902b7-01");

    private final List<ReadableSpan> ended = new CopyOnWriteArrayList<>();
    private final List<String> traceWhileHandling = new CopyOnWriteArrayList<>();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(new Recorder()).build()).build();
    private final SubscriptionRoute<PipelineFailed> route = new SubscriptionRoute<>(Topics.PIPELINE_FAILED,
            "estore-failure-notifier", (message, delivery) -> {
                traceWhileHandling.add(Span.current().getSpanContext().getTraceId());
                throw new IllegalStateException("Slack is down");
            }, new BusTracing(openTelemetry), DeadLetters.of(new SimpleMeterRegistry(), "estore-failure-notifier", 5));

    @AfterEach
    void close() {
        openTelemetry.close();
    }

    @Test
    void anUnreadableMessageIsRecordedAsAFailedDeliveryInItsOwnTrace() {
        BusMessage garbage = new BusMessage("m-1", Topics.PIPELINE_FAILED.name(),
                "not json".getBytes(StandardCharsets.UTF_8), TRACEPARENT, Instant.EPOCH);

        assertThat(route.deliver(garbage, 1).kind()).isEqualTo(DeliveryResult.Kind.UNREADABLE);

        assertThat(ended).singleElement().satisfies(span -> {
            assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
            assertThat(span.toSpanData().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        });
    }

    @Test
    void aFailedHandlerIsRecordedInTheMessagesTrace() {
        BusMessage failure = withTraceparent(dev.estore.shared.contracts.MessageCodec.encode(Topics.PIPELINE_FAILED,
                new PipelineFailed("loader", "load", "gs://b/x.csv#1", "bad header", Instant.EPOCH), "load-1"));

        assertThat(route.deliver(failure, 1).kind()).isEqualTo(DeliveryResult.Kind.RETRY);

        assertThat(traceWhileHandling).containsExactly(TRACE_ID);
        assertThat(ended).singleElement().satisfies(span -> {
            assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
            assertThat(span.toSpanData().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.toSpanData().getStatus().getDescription()).contains("Slack is down");
        });
    }

    private static BusMessage withTraceparent(BusMessage message) {
        Map<String, String> attributes = new java.util.HashMap<>(message.attributes());
        attributes.putAll(TRACEPARENT);
        return new BusMessage(message.id(), message.topic(), message.data(), attributes, message.publishTime());
    }

    private final class Recorder implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            ended.add(span);
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
