package dev.estore.gcp.pubsub;

import com.google.api.core.ApiService;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriberInterface;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.pubsub.v1.PubsubMessage;
import dev.estore.shared.contracts.BusMessage;
import io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Streaming-pull subscribers (the Kubernetes mode): one per subscription, acking or nacking each delivery. */
@ApplicationScoped
public class StreamingPullReceivers {

    private static final Logger LOG = Logger.getLogger(StreamingPullReceivers.class);

    private final QuarkusPubSub pubSub;
    private final Map<String, SubscriberInterface> subscribers = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    public StreamingPullReceivers(QuarkusPubSub pubSub) {
        this.pubSub = pubSub;
    }

    void start(SubscriptionRoute<?> route) {
        String id = route.subscriptionId();
        SubscriberInterface subscriber = pubSub.subscriber(id, (message, reply) -> {
            DeliveryResult result = route.deliver(toBusMessage(route, message), attempt(message));
            if (result.kind() == DeliveryResult.Kind.ACK) {
                reply.ack();
            } else {
                reply.nack();
            }
        });
        subscriber.addListener(new ApiService.Listener() {
            @Override
            public void failed(ApiService.State from, Throwable failure) {
                failures.put(id, String.valueOf(failure.getMessage()));
                LOG.errorf("Streaming pull of subscription %s stopped: %s. Check that it exists (topic %s) and "
                        + "that this service account may consume it.", id, failure.getMessage(), route.topic().name());
            }
        }, MoreExecutors.directExecutor());
        subscriber.startAsync().awaitRunning();
        subscribers.put(id, subscriber);
        LOG.infof("Subscription %s (topic %s) is served by streaming pull", id, route.topic().name());
    }

    /** Each pull subscription with its state (RUNNING, or FAILED with the reason). */
    public Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        subscribers.forEach((id, subscriber) -> states.put(id, subscriber.state() == ApiService.State.FAILED
                ? "FAILED: " + failures.get(id) : subscriber.state().name()));
        return states;
    }

    static BusMessage toBusMessage(SubscriptionRoute<?> route, PubsubMessage message) {
        return new BusMessage(message.getMessageId(), route.topic().name(), message.getData().toByteArray(),
                message.getAttributesMap(), Instant.ofEpochSecond(message.getPublishTime().getSeconds(),
                        message.getPublishTime().getNanos()));
    }

    private static int attempt(PubsubMessage message) {
        Integer attempt = Subscriber.getDeliveryAttempt(message);
        return attempt == null ? 1 : attempt;
    }

    @PreDestroy
    void stop() {
        subscribers.values().forEach(SubscriberInterface::stopAsync);
        subscribers.values().forEach(subscriber -> {
            try {
                subscriber.awaitTerminated(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | IllegalStateException e) {
                LOG.warnf("A subscriber did not stop within 10 s: %s", e.getMessage());
            }
        });
    }
}
