package dev.estore.embedded.bus;

import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.Topic;
import dev.estore.shared.contracts.UnreadableMessageException;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.shared.ports.MessageHandler;
import dev.estore.shared.tracing.BusTracing;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Delivers the messages of one subscription on its own thread, one at a time, retrying failures with backoff.
 * A redelivery goes to the back of the line, as in Pub/Sub, so one failing message does not hold up the others.
 */
final class SubscriptionWorker<T> {

    private static final Logger LOG = Logger.getLogger(SubscriptionWorker.class);

    private final Topic<T> topic;
    private final String subscription;
    private final MessageHandler<T> handler;
    private final RetryPolicy retry;
    private final Consumer<DeadLetter> deadLetters;
    private final Runnable settled;
    private final ScheduledExecutorService executor;
    private final BusTracing tracing;

    SubscriptionWorker(Topic<T> topic, String subscription, MessageHandler<T> handler, RetryPolicy retry,
            Consumer<DeadLetter> deadLetters, Runnable settled, BusTracing tracing) {
        this.tracing = tracing;
        this.topic = topic;
        this.subscription = subscription;
        this.handler = handler;
        this.retry = retry;
        this.deadLetters = deadLetters;
        this.settled = settled;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bus-" + subscription);
            thread.setDaemon(true);
            return thread;
        });
    }

    String subscription() {
        return subscription;
    }

    void enqueue(BusMessage message) {
        executor.execute(() -> deliver(message, 1));
    }

    private void deliver(BusMessage message, int attempt) {
        tracing.deliver(message, subscription, () -> attempt(message, attempt));
    }

    private void attempt(BusMessage message, int attempt) {
        String correlationId = message.attributes().get(BusMessage.ATTR_CORRELATION_ID);
        try {
            T payload = MessageCodec.decode(topic, message);
            handler.handle(payload, new MessageHandler.Delivery(message.id(), subscription, attempt, correlationId));
            settled.run();
        } catch (UnreadableMessageException unreadable) {
            BusTracing.deliveryFailed(unreadable.getMessage());
            LOG.errorf("Subscription %s rejected unreadable message %s: %s", subscription, message.id(),
                    unreadable.getMessage());
            deadLetter(message, attempt, "unreadable: " + unreadable.getMessage());
        } catch (Exception | Error failure) {
            String reason = FailureReporter.describe(failure);
            BusTracing.deliveryFailed(reason);
            if (retry.exhausted(attempt)) {
                LOG.errorf(failure, "Subscription %s gave up on message %s (%s) after %d attempts: %s", subscription,
                        message.id(), correlationId, attempt, reason);
                deadLetter(message, attempt, reason);
            } else {
                long waitMillis = retry.backoffAfter(attempt).toMillis();
                LOG.warnf("Subscription %s: attempt %d of message %s (%s) failed, retrying in %d ms: %s",
                        subscription, attempt, message.id(), correlationId, waitMillis, reason);
                executor.schedule(() -> deliver(message, attempt + 1), waitMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void deadLetter(BusMessage message, int attempts, String reason) {
        deadLetters.accept(DeadLetter.of(subscription, message, attempts, reason));
        settled.run();
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
