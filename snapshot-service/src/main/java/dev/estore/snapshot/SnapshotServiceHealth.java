package dev.estore.snapshot;

import dev.estore.snapshot.definition.SnapshotCatalog;
import dev.estore.snapshot.triggers.ModelsBuiltTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the definitions are read and the service listens for models-built. A failed snapshot run does not
 * make it unready: it is reported as pipeline-failed, and the service can still take the next one.
 */
@Readiness
@ApplicationScoped
public class SnapshotServiceHealth implements HealthCheck {

    private final ModelsBuiltTrigger trigger;
    private final SnapshotCatalog catalog;

    public SnapshotServiceHealth(ModelsBuiltTrigger trigger, SnapshotCatalog catalog) {
        this.trigger = trigger;
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("snapshot-service").status(trigger.subscribed())
                .withData("snapshots", String.join(", ", catalog.names())).build();
    }
}
