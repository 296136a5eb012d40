package dev.estore.gcp.pubsub;

import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.tracing.BusTracing;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.Topic;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.ports.MessageHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The bus on Google Cloud Pub/Sub. Publishing waits for Pub/Sub to accept the message, so a handler that publishes
 * and then returns has really handed its message on before its own message is acknowledged. Subscriptions are
 * served by push (the {@link PushEndpoint}) or by streaming pull, as {@code estore.pubsub.receive-mode} says.
 *
 * <p>No ordering keys: every consumer acts on the warehouse's current state and the load ledger, not on the order
 * of messages, and an ordering key would let one failing message hold back every later message with its key.
 */
@ApplicationScoped
public class PubSubEventBus implements EventBus {

    private static final Logger LOG = Logger.getLogger(PubSubEventBus.class);
    private static final long PUBLISH_TIMEOUT_SECONDS = 60;

    private final QuarkusPubSub pubSub;
    private final PubSubNames names;
    private final PubSubConfig config;
    private final SubscriptionRoutes routes;
    private final StreamingPullReceivers pullReceivers;
    private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();
    private final BusTracing tracing;
    private final MeterRegistry meters;

    public PubSubEventBus(QuarkusPubSub pubSub, PubSubNames names, PubSubConfig config, SubscriptionRoutes routes,
            StreamingPullReceivers pullReceivers, BusTracing tracing, MeterRegistry meters) {
        this.tracing = tracing;
        this.meters = meters;
        this.pubSub = pubSub;
        this.names = names;
        this.config = config;
        this.routes = routes;
        this.pullReceivers = pullReceivers;
    }

    @Override
    public <T> void publish(Topic<T> topic, T message, String correlationId) {
        BusMessage encoded = tracing.withCurrentContext(MessageCodec.encode(topic, message, correlationId));
        String topicId = names.topicId(topic);
        PubsubMessage pubsubMessage = PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(encoded.data()))
                .putAllAttributes(encoded.attributes())
                .build();
        try {
            String messageId = publisher(topicId).publish(pubsubMessage).get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.debugf("Published %s %s (%s) to topic %s", topic.messageType(), messageId, correlationId, topicId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + topic.messageType() + " to " + topicId, e);
        } catch (ExecutionException | TimeoutException | IOException e) {
            throw new IllegalStateException("Publishing " + topic.messageType() + " (" + correlationId
                    + ") to Pub/Sub topic " + topicId + " failed: " + FailureReporter.describe(e)
                    + ". Check that the topic exists and this service account may publish to it.", e);
        }
    }

    @Override
    public <T> void subscribe(Topic<T> topic, String subscription, MessageHandler<T> handler) {
        String subscriptionId = names.subscriptionId(subscription);
        SubscriptionRoute<T> route = new SubscriptionRoute<>(topic, subscriptionId, handler, tracing,
                DeadLetters.of(meters, subscriptionId, config.maxDeliveryAttempts()));
        routes.add(route);
        if (config.receiveMode() == PubSubConfig.ReceiveMode.PULL) {
            pullReceivers.start(route);
        } else {
            LOG.infof("Subscription %s (topic %s) is served by push to POST %s", route.subscriptionId(),
                    names.topicId(topic), PushEndpoint.PATH);
        }
    }

    private Publisher publisher(String topicId) throws IOException {
        Publisher existing = publishers.get(topicId);
        if (existing != null) {
            return existing;
        }
        synchronized (publishers) {
            Publisher publisher = publishers.get(topicId);
            if (publisher == null) {
                publisher = pubSub.publisher(topicId);
                publishers.put(topicId, publisher);
            }
            return publisher;
        }
    }

    @PreDestroy
    void shutdown() {
        publishers.forEach((topicId, publisher) -> {
            publisher.shutdown();
            try {
                publisher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
