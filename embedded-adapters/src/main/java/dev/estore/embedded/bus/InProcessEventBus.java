package dev.estore.embedded.bus;

import dev.estore.embedded.work.WorkInProgress;
import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.Topic;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.ports.MessageHandler;
import dev.estore.shared.metrics.DeadLetterMeter;
import dev.estore.shared.tracing.BusTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * The embedded bus: every message is serialised exactly as it would be for Pub/Sub and delivered asynchronously
 * to each subscription of its topic, at least once, with retries and dead letters.
 *
 * <p>Each delivery counts as {@link WorkInProgress} from publish until its subscription acknowledges or
 * dead-letters it; handlers publish before they acknowledge, so the embedded runner can tell when the chain of
 * reactions to a file has finished.
 */
@DefaultBean
@ApplicationScoped
public class InProcessEventBus implements EventBus {

    private static final Logger LOG = Logger.getLogger(InProcessEventBus.class);

    private final RetryPolicy retry;
    private final Map<String, List<SubscriptionWorker<?>>> subscriptionsByTopic = new ConcurrentHashMap<>();
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final WorkInProgress work;
    private final MeterRegistry meters;
    private final BusTracing tracing;

    @Inject
    public InProcessEventBus(BusConfig config, WorkInProgress work, MeterRegistry meters, BusTracing tracing) {
        this(new RetryPolicy(config.maxAttempts(), config.minimumBackoff(), config.maximumBackoff()), work, meters,
                tracing);
    }

    /** A bus built by hand (tests, tools): meters of its own, tracing off. */
    public InProcessEventBus(RetryPolicy retry, WorkInProgress work) {
        this(retry, work, new SimpleMeterRegistry(), BusTracing.off());
    }

    /**
     * {@code meters}: where estore_dead_letters_total{subscription} counts what this bus gave up on; {@code tracing}:
     * the trace context a message carries from its publisher to its handlers.
     */
    public InProcessEventBus(RetryPolicy retry, WorkInProgress work, MeterRegistry meters, BusTracing tracing) {
        this.retry = retry;
        this.work = work;
        this.meters = meters;
        this.tracing = tracing;
    }

    @Override
    public <T> void publish(Topic<T> topic, T message, String correlationId) {
        BusMessage encoded = MessageCodec.encode(topic, message, correlationId);
        publishEncoded(encoded);
    }

    /** Publishes an already encoded message (what a Pub/Sub push or pull would hand over). */
    public void publishEncoded(BusMessage published) {
        BusMessage message = tracing.withCurrentContext(published);
        List<SubscriptionWorker<?>> workers = subscriptionsByTopic.getOrDefault(message.topic(), List.of());
        if (workers.isEmpty()) {
            LOG.debugf("No subscription on topic %s; message %s dropped as Pub/Sub would", message.topic(),
                    message.id());
        }
        workers.forEach(worker -> {
            work.begin();
            worker.enqueue(message);
        });
    }

    @Override
    public <T> void subscribe(Topic<T> topic, String subscription, MessageHandler<T> handler) {
        List<SubscriptionWorker<?>> workers = subscriptionsByTopic.computeIfAbsent(topic.name(),
                name -> new CopyOnWriteArrayList<>());
        if (workers.stream().anyMatch(worker -> worker.subscription().equals(subscription))) {
            throw new IllegalStateException("Subscription " + subscription + " already exists on " + topic.name());
        }
        workers.add(new SubscriptionWorker<>(topic, subscription, handler, retry, this::deadLettered, work::end,
                tracing));
        // at zero from the start: a series that exists before the first dead letter lets increase() see it
        deadLetterCounter(subscription);
        LOG.debugf("Subscription %s listens on topic %s", subscription, topic.name());
    }

    private void deadLettered(DeadLetter letter) {
        deadLetters.add(letter);
        deadLetterCounter(letter.subscription()).increment();
    }

    private Counter deadLetterCounter(String subscription) {
        return DeadLetterMeter.of(meters, subscription);
    }

    public List<DeadLetter> deadLetters() {
        return new ArrayList<>(deadLetters);
    }

    @PreDestroy
    void shutdown() {
        subscriptionsByTopic.values().forEach(workers -> workers.forEach(SubscriptionWorker::shutdown));
    }
}
