package dev.estore.semantic;

import dev.estore.semantic.sync.SemanticSync;
import dev.estore.semantic.sync.SemanticTriggers;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once subscribed to models-built and snapshots-taken. */
@Readiness
@ApplicationScoped
public class SemanticServiceHealth implements HealthCheck {

    private final SemanticTriggers triggers;
    private final SemanticSync sync;

    public SemanticServiceHealth(SemanticTriggers triggers, SemanticSync sync) {
        this.triggers = triggers;
        this.sync = sync;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("semantic-sync-service").status(triggers.subscribed())
                .withData("syncs", sync.history().size()).build();
    }
}
