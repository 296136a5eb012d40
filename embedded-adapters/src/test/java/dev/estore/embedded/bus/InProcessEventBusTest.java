package dev.estore.embedded.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.estore.embedded.work.WorkInProgress;
import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.ModelsBuilt;
import dev.estore.shared.contracts.ObjectNotification;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.MessageHandler.Delivery;
import dev.estore.shared.tracing.BusTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessEventBusTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final PipelineFailed FAILURE =
            new PipelineFailed("loader", "load", "gs://b/x.csv#1", "bad header", Instant.parse("2024-05-01T10:00:00Z"));

    private final WorkInProgress work = new WorkInProgress();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InProcessEventBus bus =
            new InProcessEventBus(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)), work, meters,
                    BusTracing.off());

    @AfterEach
    void shutdown() {
        bus.shutdown();
    }

    @Test
    void eachSubscriptionGetsItsOwnCopy() throws InterruptedException {
        List<PipelineFailed> first = new CopyOnWriteArrayList<>();
        List<PipelineFailed> second = new CopyOnWriteArrayList<>();
        bus.subscribe(Topics.PIPELINE_FAILED, "first", (message, delivery) -> first.add(message));
        bus.subscribe(Topics.PIPELINE_FAILED, "second", (message, delivery) -> second.add(message));

        bus.publish(Topics.PIPELINE_FAILED, FAILURE, "corr-1");

        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(first).containsExactly(FAILURE);
        assertThat(second).containsExactly(FAILURE);
        assertThat(first.get(0)).isNotSameAs(second.get(0)).isNotSameAs(FAILURE);
    }

    @Test
    void everySubscriptionHasItsDeadLetterCounterFromTheStart() {
        bus.subscribe(Topics.PIPELINE_FAILED, "quiet", (message, delivery) -> { });

        assertThat(meters.find("estore.dead.letters").tag("subscription", "quiet").counter())
                .isNotNull().satisfies(counter -> assertThat(counter.count()).isZero());
    }

    @Test
    void publishReturnsBeforeTheHandlerRunsOnItsOwnThread() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> handlerThread = new AtomicReference<>();
        AtomicBoolean handled = new AtomicBoolean();
        bus.subscribe(Topics.PIPELINE_FAILED, "slow", (message, delivery) -> {
            handlerThread.set(Thread.currentThread());
            release.await(5, TimeUnit.SECONDS);
            handled.set(true);
        });

        bus.publish(Topics.PIPELINE_FAILED, FAILURE, null);

        assertThat(handled).isFalse();
        assertThat(work.open()).isEqualTo(1);
        release.countDown();
        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(handled).isTrue();
        assertThat(handlerThread.get()).isNotNull().isNotSameAs(Thread.currentThread());
        assertThat(handlerThread.get().getName()).isEqualTo("bus-slow");
    }

    @Test
    void handlerFailingTwiceIsRedeliveredUntilItSucceeds() throws InterruptedException {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        bus.subscribe(Topics.PIPELINE_FAILED, "flaky", (message, delivery) -> {
            attempts.add(delivery.attempt());
            if (delivery.attempt() < 3) {
                throw new IllegalStateException("not yet");
            }
        });

        bus.publish(Topics.PIPELINE_FAILED, FAILURE, null);

        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(bus.deadLetters()).isEmpty();
    }

    @Test
    void theTraceContextTravelsWithTheMessageToTheHandlersAndWhatTheyPublish() throws Exception {
        io.opentelemetry.sdk.OpenTelemetrySdk sdk = io.opentelemetry.sdk.OpenTelemetrySdk.builder()
                .setTracerProvider(io.opentelemetry.sdk.trace.SdkTracerProvider.builder().build())
                .setPropagators(io.opentelemetry.context.propagation.ContextPropagators.create(
                        io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance()))
                .build();
        WorkInProgress traced = new WorkInProgress();
        InProcessEventBus tracedBus = new InProcessEventBus(new RetryPolicy(1, Duration.ofMillis(1),
                Duration.ofMillis(1)), traced, meters, new BusTracing(sdk));
        List<String> traceIds = new java.util.concurrent.CopyOnWriteArrayList<>();
        tracedBus.subscribe(Topics.PIPELINE_FAILED, "first", (message, delivery) -> {
            traceIds.add(io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId());
            tracedBus.publish(Topics.MODELS_BUILT, new ModelsBuilt("run-1", "t", List.of(), 0, Instant.EPOCH,
                    Instant.EPOCH), "run-1");
        });
        tracedBus.subscribe(Topics.MODELS_BUILT, "second", (message, delivery) ->
                traceIds.add(io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId()));

        io.opentelemetry.api.trace.Span root = sdk.getTracer("test").spanBuilder("a file arrives").startSpan();
        try (io.opentelemetry.context.Scope scope = root.makeCurrent()) {
            tracedBus.publish(Topics.PIPELINE_FAILED, FAILURE, null);
        } finally {
            root.end();
        }

        assertThat(traced.awaitIdle(WAIT)).isTrue();
        assertThat(traceIds).hasSize(2).containsOnly(root.getSpanContext().getTraceId());
        tracedBus.shutdown();
        sdk.close();
    }

    @Test
    void handlerAlwaysFailingEndsInOneDeadLetterWithTheLastReason() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        bus.subscribe(Topics.PIPELINE_FAILED, "broken", (message, delivery) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("failure on attempt " + delivery.attempt());
        });

        bus.publish(Topics.PIPELINE_FAILED, FAILURE, null);

        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(bus.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.subscription()).isEqualTo("broken");
            assertThat(letter.topic()).isEqualTo(Topics.PIPELINE_FAILED.name());
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.reason()).isEqualTo("failure on attempt 3");
            assertThat(letter.body()).contains("bad header");
        });
        Thread.sleep(100);
        assertThat(calls).hasValue(3);
        assertThat(bus.deadLetters()).hasSize(1);
        assertThat(meters.counter("estore.dead.letters", "subscription", "broken").count()).isEqualTo(1);
    }

    @Test
    void unreadableMessageIsDeadLetteredAtOnceWithoutCallingTheHandler() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        bus.subscribe(Topics.PIPELINE_FAILED, "reader", (message, delivery) -> calls.incrementAndGet());
        BusMessage garbage = new BusMessage("m-bad", Topics.PIPELINE_FAILED.name(),
                "{\"service\": ".getBytes(StandardCharsets.UTF_8),
                Map.of(BusMessage.ATTR_MESSAGE_TYPE, "PipelineFailed", BusMessage.ATTR_SCHEMA_VERSION, "1"),
                Instant.now());

        bus.publishEncoded(garbage);

        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(calls).hasValue(0);
        assertThat(bus.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.messageId()).isEqualTo("m-bad");
            assertThat(letter.attempts()).isEqualTo(1);
            assertThat(letter.reason()).startsWith("unreadable:").contains("pipeline-failed");
        });
    }

    @Test
    void workIsIdleOnlyAfterTheWholeChainFinished() throws InterruptedException {
        AtomicBoolean chainFinished = new AtomicBoolean();
        bus.subscribe(Topics.OBJECT_NOTIFICATIONS, "first-hop", (message, delivery) ->
                bus.publish(Topics.PIPELINE_FAILED, FAILURE, delivery.correlationId()));
        bus.subscribe(Topics.PIPELINE_FAILED, "second-hop", (message, delivery) -> {
            Thread.sleep(100);
            chainFinished.set(true);
        });
        ObjectRef ref = new ObjectRef("b", "x.csv", 1);

        bus.publish(Topics.OBJECT_NOTIFICATIONS, ObjectNotification.finalized(ref, 10, "text/csv", Instant.now()),
                ref.uri());

        assertThat(work.awaitIdle(Duration.ofMillis(20))).isFalse();
        assertThat(work.awaitIdle(WAIT)).isTrue();
        assertThat(chainFinished).isTrue();
        assertThat(work.open()).isZero();
    }

    @Test
    void duplicateSubscriptionNameIsRefused() {
        bus.subscribe(Topics.PIPELINE_FAILED, "twice", (message, delivery) -> { });

        assertThatThrownBy(() -> bus.subscribe(Topics.PIPELINE_FAILED, "twice", (message, delivery) -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void correlationIdReachesTheHandler() {
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        bus.subscribe(Topics.PIPELINE_FAILED, "tracer", (message, delivery) -> deliveries.add(delivery));

        bus.publish(Topics.PIPELINE_FAILED, FAILURE, "load-42");

        await().atMost(WAIT).until(() -> !deliveries.isEmpty());
        Delivery delivery = deliveries.get(0);
        assertThat(delivery.correlationId()).isEqualTo("load-42");
        assertThat(delivery.subscription()).isEqualTo("tracer");
        assertThat(delivery.attempt()).isEqualTo(1);
        assertThat(delivery.messageId()).isNotBlank();
    }

    @Test
    void messageOnATopicWithoutSubscriptionsIsDropped() throws InterruptedException {
        bus.publish(Topics.PIPELINE_FAILED, FAILURE, null);

        assertThat(work.open()).isZero();
        assertThat(work.awaitIdle(Duration.ZERO)).isTrue();
        assertThat(bus.deadLetters()).isEmpty();
    }
}
