package dev.estore.shared.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class WarehouseReadinessTest {

    final AtomicInteger checks = new AtomicInteger();
    final AtomicBoolean reachable = new AtomicBoolean(true);
    final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
    final WarehouseReadiness readiness = new WarehouseReadiness(warehouse(), Duration.ofSeconds(60), clock);

    @Test
    void probesWithinThePeriodShareOneCheckOfTheWarehouse() {
        for (int probe = 0; probe < 6; probe++) { // a readiness probe every 10 s for a minute
            assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(checks).hasValue(1);

        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(checks).as("the next minute asks again").hasValue(2);
    }

    @Test
    void anUnreachableWarehouseIsDownWithTheReasonAndAskedAgainSoon() {
        reachable.set(false);
        HealthCheckResponse down = readiness.call();
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow()).containsEntry("error", "403 Access Denied: BigQuery");

        reachable.set(true);
        clock.advance(Duration.ofSeconds(5));
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        clock.advance(Duration.ofSeconds(5));
        assertThat(readiness.call().getStatus()).as("a DOWN answer stands 10 s, not a minute")
                .isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(checks).hasValue(2);
    }

    /** A warehouse whose only answers are checkReachable (counted) and its dialect's name. */
    private Warehouse warehouse() {
        SqlDialect dialect = (SqlDialect) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SqlDialect.class}, (proxy, method, arguments) -> "bigquery");
        return (Warehouse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Warehouse.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "checkReachable" -> {
                        checks.incrementAndGet();
                        if (!reachable.get()) {
                            throw new IllegalStateException("403 Access Denied: BigQuery");
                        }
                        yield null;
                    }
                    case "dialect" -> dialect;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
