package dev.estore.shared.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code estore_dead_letters_total{subscription}}: the messages a bus gave up on, one name for the in-process bus
 * and Pub/Sub, since dashboards and alerts rely on it. Asking for it registers the series at zero, so that the
 * first dead letter is an increase.
 */
public final class DeadLetterMeter {

    private DeadLetterMeter() {
    }

    public static Counter of(MeterRegistry meters, String subscription) {
        return meters.counter("estore.dead.letters", "subscription", subscription);
    }
}
