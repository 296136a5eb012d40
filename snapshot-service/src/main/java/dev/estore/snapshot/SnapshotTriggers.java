package dev.estore.snapshot;

import dev.estore.shared.contracts.Topics;
import dev.estore.shared.inbox.Inbox;
import dev.estore.shared.ports.EventBus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Listens for models-built. For now it records what it receives; taking the SCD Type 2 snapshots on it is the
 * work of the snapshot issue, not done yet.
 */
@ApplicationScoped
public class SnapshotTriggers {

    public static final String SUBSCRIPTION = "snapshot-service.models-built";
    private static final Logger LOG = Logger.getLogger(SnapshotTriggers.class);

    private final Inbox inbox = new Inbox(100);
    private volatile boolean subscribed;

    void subscribe(@Observes StartupEvent startup, EventBus bus) {
        bus.subscribe(Topics.MODELS_BUILT, SUBSCRIPTION, (built, delivery) -> {
            inbox.record(Topics.MODELS_BUILT.name(), delivery.messageId(), delivery.correlationId(), built);
            LOG.infof("snapshot-service received models-built of run %s (%d models); snapshots are not "
                    + "implemented yet", built.runId(), built.models().size());
        });
        subscribed = true;
    }

    public Inbox inbox() {
        return inbox;
    }

    public boolean subscribed() {
        return subscribed;
    }
}
