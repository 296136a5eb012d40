package dev.estore.shared.health;

import dev.estore.shared.ports.Warehouse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the warehouse answers ({@link Warehouse#checkReachable()}), asked at most once per
 * {@code estore.health.warehouse-check-every} (default 60 s) while it answers: a Kubernetes readiness probe every
 * 10 s must not become 8,600 warehouse calls a day. A DOWN answer is asked again after {@link #DOWN_RECHECK}, so
 * one transient error does not keep every replica unready for a minute. Readiness only: startup and liveness never
 * wait for the warehouse, so a revision starts even while its warehouse grants are still propagating.
 */
@Readiness
@ApplicationScoped
public class WarehouseReadiness implements HealthCheck {

    /** How long a DOWN answer stands before the warehouse is asked again. */
    static final Duration DOWN_RECHECK = Duration.ofSeconds(10);

    private final Warehouse warehouse;
    private final Duration every;
    private final Clock clock;
    private Instant checkedAt;
    private HealthCheckResponse last;

    @Inject
    public WarehouseReadiness(Warehouse warehouse,
            @ConfigProperty(name = "estore.health.warehouse-check-every", defaultValue = "60s") Duration every) {
        this(warehouse, every, Clock.systemUTC());
    }

    WarehouseReadiness(Warehouse warehouse, Duration every, Clock clock) {
        this.warehouse = warehouse;
        this.every = every;
        this.clock = clock;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        Instant now = clock.instant();
        Duration stands = last != null && last.getStatus() == HealthCheckResponse.Status.DOWN
                ? (DOWN_RECHECK.compareTo(every) < 0 ? DOWN_RECHECK : every) : every;
        if (last == null || !now.isBefore(checkedAt.plus(stands))) {
            last = check(now);
            checkedAt = now;
        }
        return last;
    }

    private HealthCheckResponse check(Instant now) {
        try {
            warehouse.checkReachable();
            return HealthCheckResponse.named("warehouse").up().withData("dialect", warehouse.dialect().name())
                    .withData("checkedAt", now.toString()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("warehouse").down().withData("error", String.valueOf(e.getMessage()))
                    .withData("checkedAt", now.toString()).build();
        }
    }
}
