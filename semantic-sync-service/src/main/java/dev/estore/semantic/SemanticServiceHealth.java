package dev.estore.semantic;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once subscribed to models-built and snapshots-taken. */
@Readiness
@ApplicationScoped
public class SemanticServiceHealth implements HealthCheck {

    private final SemanticTriggers triggers;

    public SemanticServiceHealth(SemanticTriggers triggers) {
        this.triggers = triggers;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("semantic-sync-service").status(triggers.subscribed())
                .withData("messagesReceived", triggers.inbox().total()).build();
    }
}
