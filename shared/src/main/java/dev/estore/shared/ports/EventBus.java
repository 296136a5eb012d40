package dev.estore.shared.ports;

import dev.estore.shared.contracts.Topic;

/**
 * Publish/subscribe with Pub/Sub semantics: delivery is asynchronous and at least once, a handler that throws is
 * retried with backoff, and a message that keeps failing (or can never be read) ends in a dead letter.
 */
public interface EventBus {

    /** Publishes a message; {@code correlationId} (a load or run id) travels as an attribute and in logs. */
    <T> void publish(Topic<T> topic, T message, String correlationId);

    /**
     * Registers the handler of a named subscription. A subscription receives every message published on the topic
     * after it was created; two subscriptions of one topic each get their own copy.
     */
    <T> void subscribe(Topic<T> topic, String subscription, MessageHandler<T> handler);
}
