package dev.estore.snapshot.triggers;

import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import dev.estore.snapshot.definition.SnapshotCatalog;
import dev.estore.snapshot.run.SnapshotService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Takes every snapshot when the models are built. The transform only sends models-built when the build
 * succeeded and its data tests passed, so a snapshot never records a failed build. The run happens inside the
 * handler: the delivery is acknowledged (and stops counting as work in progress) only once the snapshots are
 * taken and announced. A failed snapshot is reported, not retried: a rerun would fail the same way, and the next
 * build or the weekly run catches up.
 */
@ApplicationScoped
public class ModelsBuiltTrigger {

    public static final String SUBSCRIPTION = "snapshot-service.models-built";

    private volatile boolean subscribed;

    /** Reading the catalog here validates every definition file at startup. */
    void subscribe(@Observes StartupEvent startup, EventBus bus, SnapshotCatalog catalog, SnapshotService snapshots) {
        catalog.all();
        bus.subscribe(Topics.MODELS_BUILT, SUBSCRIPTION,
                (built, delivery) -> snapshots.runAll("models-built:" + built.runId()));
        subscribed = true;
    }

    public boolean subscribed() {
        return subscribed;
    }
}
