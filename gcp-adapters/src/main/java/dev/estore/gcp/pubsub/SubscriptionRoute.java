package dev.estore.gcp.pubsub;

import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.Topic;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.contracts.UnreadableMessageException;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.shared.ports.MessageHandler;
import dev.estore.shared.tracing.BusTracing;
import org.jboss.logging.Logger;

/**
 * One subscription of this process: reads each delivered message as its topic's contract and runs the service's
 * handler, with the port's semantics: return = ack, throw = retry, unreadable = dead letter. Push and streaming
 * pull both deliver through here.
 */
public final class SubscriptionRoute<T> {

    private static final Logger LOG = Logger.getLogger(SubscriptionRoute.class);

    private final Topic<T> topic;
    private final String subscriptionId;
    private final MessageHandler<T> handler;
    private final BusTracing tracing;
    private final DeadLetters deadLetters;

    SubscriptionRoute(Topic<T> topic, String subscriptionId, MessageHandler<T> handler, BusTracing tracing,
            DeadLetters deadLetters) {
        this.tracing = tracing;
        this.topic = topic;
        this.subscriptionId = subscriptionId;
        this.handler = handler;
        this.deadLetters = deadLetters;
    }

    public Topic<T> topic() {
        return topic;
    }

    public String subscriptionId() {
        return subscriptionId;
    }

    /**
     * {@code attempt} is Pub/Sub's delivery attempt (known when the subscription has a dead-letter policy), else 1.
     * What is not acknowledged on the policy's last attempt goes to the dead-letter topic and is counted.
     */
    public DeliveryResult deliver(BusMessage message, int attempt) {
        DeliveryResult[] result = new DeliveryResult[1];
        tracing.deliver(message, subscriptionId, () -> result[0] = attempt(message, attempt));
        return result[0];
    }

    private DeliveryResult attempt(BusMessage message, int attempt) {
        String correlationId = message.attributes().get(BusMessage.ATTR_CORRELATION_ID);
        DeliveryResult result;
        try {
            T payload = read(message);
            handler.handle(payload, new MessageHandler.Delivery(message.id(), subscriptionId, attempt, correlationId));
            return DeliveryResult.ack();
        } catch (UnreadableMessageException unreadable) {
            LOG.errorf("Subscription %s: message %s (attempt %d) is unreadable and will end in the dead-letter "
                    + "topic: %s", subscriptionId, message.id(), attempt, unreadable.getMessage());
            result = new DeliveryResult(DeliveryResult.Kind.UNREADABLE, unreadable.getMessage());
        } catch (Exception | Error failure) {
            String reason = FailureReporter.describe(failure);
            if (deadLetters.isLastAttempt(attempt)) {
                LOG.errorf(failure, "Subscription %s: the last delivery attempt (%d) of message %s (%s) failed; "
                        + "Pub/Sub moves it to the dead-letter topic: %s", subscriptionId, attempt, message.id(),
                        correlationId, reason);
            } else {
                LOG.warnf(failure, "Subscription %s: attempt %d of message %s (%s) failed; Pub/Sub will redeliver "
                        + "it: %s", subscriptionId, attempt, message.id(), correlationId, reason);
            }
            result = new DeliveryResult(DeliveryResult.Kind.RETRY, reason);
        }
        if (result.kind() != DeliveryResult.Kind.ACK) {
            BusTracing.deliveryFailed(result.reason());
        }
        if (deadLetters.isLastAttempt(attempt)) {
            deadLetters.count();
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private T read(BusMessage message) {
        // GCS publishes its own notification format on the object-notifications topic; a contract message
        // re-published there by hand (a replay) is read as the contract.
        if (topic.equals(Topics.OBJECT_NOTIFICATIONS) && GcsNotificationReader.isGcsNotification(message)) {
            return (T) GcsNotificationReader.read(message);
        }
        return MessageCodec.decode(topic, message);
    }
}
