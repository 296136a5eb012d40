package dev.estore.snapshot;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once subscribed to models-built. */
@Readiness
@ApplicationScoped
public class SnapshotServiceHealth implements HealthCheck {

    private final SnapshotTriggers triggers;

    public SnapshotServiceHealth(SnapshotTriggers triggers) {
        this.triggers = triggers;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("snapshot-service").status(triggers.subscribed())
                .withData("messagesReceived", triggers.inbox().total()).build();
    }
}
