package dev.estore.shared.health;

import dev.estore.shared.ports.Warehouse;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the warehouse answers a trivial query. */
@Readiness
@ApplicationScoped
public class WarehouseReadiness implements HealthCheck {

    private final Warehouse warehouse;

    public WarehouseReadiness(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            warehouse.query("SELECT 1 AS ok");
            return HealthCheckResponse.named("warehouse").up().withData("dialect", warehouse.dialect().name())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("warehouse").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
