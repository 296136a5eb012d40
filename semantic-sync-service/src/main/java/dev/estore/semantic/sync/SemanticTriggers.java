package dev.estore.semantic.sync;

import dev.estore.semantic.catalog.SemanticLayer;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Syncs the semantic layer on models-built (the tables may have changed) and snapshots-taken. The sync runs
 * inside the handler, so the delivery counts as work in progress until the layer is validated and announced.
 * A failed validation is reported, not retried: it would fail the same way until the next build.
 */
@ApplicationScoped
public class SemanticTriggers {

    public static final String MODELS_SUBSCRIPTION = "semantic-sync-service.models-built";
    public static final String SNAPSHOTS_SUBSCRIPTION = "semantic-sync-service.snapshots-taken";

    private volatile boolean subscribed;

    /** Reading the model here checks every semantic file at startup: a broken file stops the service, named. */
    void subscribe(@Observes StartupEvent startup, EventBus bus, SemanticSync sync, SemanticLayer layer) {
        layer.model();
        bus.subscribe(Topics.MODELS_BUILT, MODELS_SUBSCRIPTION,
                (built, delivery) -> sync.sync("models-built:" + built.runId()));
        bus.subscribe(Topics.SNAPSHOTS_TAKEN, SNAPSHOTS_SUBSCRIPTION,
                (taken, delivery) -> sync.sync("snapshots-taken:" + taken.runId()));
        subscribed = true;
    }

    public boolean subscribed() {
        return subscribed;
    }
}
