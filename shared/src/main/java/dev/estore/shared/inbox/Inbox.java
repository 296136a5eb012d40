package dev.estore.shared.inbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last messages a service received, newest first, for its HTTP API and health check. */
public final class Inbox {

    private final int capacity;
    private final Deque<Received> received = new ArrayDeque<>();
    private long total;

    public Inbox(int capacity) {
        this.capacity = capacity;
    }

    public record Received(String topic, String messageId, String correlationId, Instant receivedAt,
            Object message) {
    }

    public synchronized void record(String topic, String messageId, String correlationId, Object message) {
        received.addFirst(new Received(topic, messageId, correlationId, Instant.now(), message));
        total++;
        while (received.size() > capacity) {
            received.removeLast();
        }
    }

    public synchronized List<Received> recent() {
        return new ArrayList<>(received);
    }

    public synchronized long total() {
        return total;
    }
}
