package dev.estore.embedded.bus;

import dev.estore.shared.contracts.BusMessage;
import java.time.Instant;

/** A message a subscription gave up on, with the reason of its last failure. */
public record DeadLetter(String subscription, String topic, String messageId, int attempts, String reason,
        String body, Instant at) {

    static DeadLetter of(String subscription, BusMessage message, int attempts, String reason) {
        return new DeadLetter(subscription, message.topic(), message.id(), attempts, reason, message.text(),
                Instant.now());
    }
}
