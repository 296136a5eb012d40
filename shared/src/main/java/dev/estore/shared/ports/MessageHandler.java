package dev.estore.shared.ports;

/**
 * Handles one message. Returning acknowledges it; throwing asks for a redelivery, except for
 * {@link dev.estore.shared.contracts.UnreadableMessageException}, which is dead-lettered at once.
 */
@FunctionalInterface
public interface MessageHandler<T> {

    void handle(T message, Delivery delivery) throws Exception;

    /** What the bus knows about this delivery. {@code attempt} starts at 1. */
    record Delivery(String messageId, String subscription, int attempt, String correlationId) {
    }
}
