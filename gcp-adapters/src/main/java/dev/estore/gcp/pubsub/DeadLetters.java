package dev.estore.gcp.pubsub;

import dev.estore.shared.metrics.DeadLetterMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The dead letters of one subscription, as this process sees them go: Pub/Sub moves a message to the dead-letter
 * topic when a delivery with the policy's maximum attempt number is not acknowledged, so that is what is counted
 * in {@code estore_dead_letters_total{subscription}} (the subscription id), the same meter the embedded bus keeps.
 * Pub/Sub numbers attempts only for a subscription with a dead-letter policy; without one, nothing is counted, and
 * nothing is dead-lettered either. A delivery whose last attempt never reaches the app (a timeout) is not counted
 * here; Cloud Monitoring's subscription/dead_letter_message_count sees those too.
 */
final class DeadLetters {

    private final Counter counter;
    private final int maxDeliveryAttempts;

    private DeadLetters(Counter counter, int maxDeliveryAttempts) {
        this.counter = counter;
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    /** The subscription's counter, registered at zero so that its first dead letter is an increase. */
    static DeadLetters of(MeterRegistry meters, String subscriptionId, int maxDeliveryAttempts) {
        return new DeadLetters(DeadLetterMeter.of(meters, subscriptionId), maxDeliveryAttempts);
    }

    boolean isLastAttempt(int attempt) {
        return attempt >= maxDeliveryAttempts;
    }

    void count() {
        counter.increment();
    }
}
