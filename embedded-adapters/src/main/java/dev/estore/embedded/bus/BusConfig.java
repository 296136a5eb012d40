package dev.estore.embedded.bus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Redelivery policy of the in-process bus, modelled on a Pub/Sub subscription's retry and dead-letter policy. */
@ConfigMapping(prefix = "estore.bus")
public interface BusConfig {

    /** Deliveries of one message before it goes to the dead letters (Pub/Sub's max delivery attempts). */
    @WithDefault("5")
    int maxAttempts();

    @WithDefault("200ms")
    Duration minimumBackoff();

    @WithDefault("10s")
    Duration maximumBackoff();
}
