package dev.estore.semantic;

import dev.estore.shared.contracts.Topics;
import dev.estore.shared.inbox.Inbox;
import dev.estore.shared.ports.EventBus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Listens for models-built and snapshots-taken. For now it records what it receives; validating and syncing the
 * semantic layer on it is the work of the semantic-sync issue, not done yet.
 */
@ApplicationScoped
public class SemanticTriggers {

    public static final String MODELS_SUBSCRIPTION = "semantic-sync-service.models-built";
    public static final String SNAPSHOTS_SUBSCRIPTION = "semantic-sync-service.snapshots-taken";
    private static final Logger LOG = Logger.getLogger(SemanticTriggers.class);

    private final Inbox inbox = new Inbox(100);
    private volatile boolean subscribed;

    void subscribe(@Observes StartupEvent startup, EventBus bus) {
        bus.subscribe(Topics.MODELS_BUILT, MODELS_SUBSCRIPTION, (built, delivery) -> {
            inbox.record(Topics.MODELS_BUILT.name(), delivery.messageId(), delivery.correlationId(), built);
            LOG.infof("semantic-sync-service received models-built of run %s; the semantic sync is not "
                    + "implemented yet", built.runId());
        });
        bus.subscribe(Topics.SNAPSHOTS_TAKEN, SNAPSHOTS_SUBSCRIPTION, (taken, delivery) ->
                inbox.record(Topics.SNAPSHOTS_TAKEN.name(), delivery.messageId(), delivery.correlationId(), taken));
        subscribed = true;
    }

    public Inbox inbox() {
        return inbox;
    }

    public boolean subscribed() {
        return subscribed;
    }
}
