package dev.estore.gcp.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.tracing.BusTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A Pub/Sub delivery not acknowledged on the dead-letter policy's last attempt counts as a dead letter. */
class SubscriptionRouteDeadLettersTest {

    private static final String SUBSCRIPTION = "estore-failure-notifier";
    private static final BusMessage FAILURE = MessageCodec.encode(Topics.PIPELINE_FAILED,
            new PipelineFailed("loader", "load", "gs://b/x.csv#1", "bad header", Instant.EPOCH), "load-1");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicBoolean failing = new AtomicBoolean(true);
    private final SubscriptionRoute<PipelineFailed> route = new SubscriptionRoute<>(Topics.PIPELINE_FAILED,
            SUBSCRIPTION, (message, delivery) -> {
                if (failing.get()) {
                    throw new IllegalStateException("Slack is down");
                }
            }, BusTracing.off(), DeadLetters.of(meters, SUBSCRIPTION, 5));

    @Test
    void theCounterIsThereAtZeroBeforeAnyDelivery() {
        assertThat(deadLetters()).isZero();
    }

    @Test
    void aFailureBeforeTheLastAttemptIsRetriedNotCounted() {
        for (int attempt = 1; attempt < 5; attempt++) {
            assertThat(route.deliver(FAILURE, attempt).kind()).isEqualTo(DeliveryResult.Kind.RETRY);
        }
        assertThat(deadLetters()).isZero();
    }

    @Test
    void aFailureOnTheLastAttemptIsCountedOnce() {
        assertThat(route.deliver(FAILURE, 5).kind()).isEqualTo(DeliveryResult.Kind.RETRY);
        assertThat(deadLetters()).isEqualTo(1);
    }

    @Test
    void anUnreadableMessageOnItsLastAttemptIsCounted() {
        BusMessage garbage = new BusMessage("m-2", Topics.PIPELINE_FAILED.name(),
                "not json".getBytes(StandardCharsets.UTF_8), Map.of(), Instant.EPOCH);

        assertThat(route.deliver(garbage, 4).kind()).isEqualTo(DeliveryResult.Kind.UNREADABLE);
        assertThat(route.deliver(garbage, 5).kind()).isEqualTo(DeliveryResult.Kind.UNREADABLE);
        assertThat(deadLetters()).isEqualTo(1);
    }

    @Test
    void aSuccessOnTheLastAttemptIsNoDeadLetter() {
        failing.set(false);

        assertThat(route.deliver(FAILURE, 5).kind()).isEqualTo(DeliveryResult.Kind.ACK);
        assertThat(deadLetters()).isZero();
    }

    private double deadLetters() {
        return meters.get("estore.dead.letters").tag("subscription", SUBSCRIPTION).counter().count();
    }
}
