package dev.estore.loader;

import dev.estore.loader.LoadResult.Outcome;
import dev.estore.shared.ports.RawEventsStore;
import dev.estore.shared.ports.RawEventsStore.LoadRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The loader's meters, as /q/metrics shows them: {@code estore_loads_total{status}} (loaded, quarantined, failed;
 * a retried failure counts each attempt), {@code estore_rows_loaded_total}, {@code estore_rows_rejected_total},
 * {@code estore_load_seconds} and {@code estore_source_freshness_seconds{since}}: seconds since the newest loaded
 * event ({@code newest_event}) and since the last load ({@code last_load}), read from the ledger at the first
 * scrape and kept by every load after it (NaN until anything was loaded).
 */
@ApplicationScoped
public class LoadMetrics {

    private static final Logger LOG = Logger.getLogger(LoadMetrics.class);

    private final MeterRegistry registry;
    private final RawEventsStore ledger;
    private final Timer loadTime;
    private final Counter rowsLoaded;
    private final Counter rowsRejected;
    private final AtomicReference<Instant> newestEvent = new AtomicReference<>();
    private final AtomicReference<Instant> lastLoad = new AtomicReference<>();
    private final AtomicBoolean seeded = new AtomicBoolean();

    public LoadMetrics(MeterRegistry registry, RawEventsStore ledger) {
        this.registry = registry;
        this.ledger = ledger;
        this.loadTime = Timer.builder("estore.load").description("Time to load one file into raw.events")
                .register(registry);
        this.rowsLoaded = Counter.builder("estore.rows.loaded").description("Rows loaded into raw.events")
                .register(registry);
        this.rowsRejected = Counter.builder("estore.rows.rejected")
                .description("Rows refused by the load rules, kept in raw.load_rejects").register(registry);
        Gauge.builder("estore.source.freshness.seconds", newestEvent, this::secondsSince).tag("since", "newest_event")
                .description("Seconds since the newest event loaded").register(registry);
        Gauge.builder("estore.source.freshness.seconds", lastLoad, this::secondsSince).tag("since", "last_load")
                .description("Seconds since the last file was loaded").register(registry);
    }

    /** Counts a load that was attempted (not one already handled or ignored). */
    void record(LoadResult result) {
        if (result.outcome() != Outcome.LOADED && result.outcome() != Outcome.QUARANTINED
                && result.outcome() != Outcome.FAILED) {
            return;
        }
        registry.counter("estore.loads", "status", result.outcome().name().toLowerCase(Locale.ROOT)).increment();
        LoadRecord load = result.load();
        if (load == null || result.outcome() != Outcome.LOADED) {
            return;
        }
        rowsLoaded.increment(load.rowsLoaded());
        rowsRejected.increment(load.rowsRejected());
        if (load.startedAt() != null && load.finishedAt() != null) {
            loadTime.record(Duration.between(load.startedAt(), load.finishedAt()));
        }
        advance(lastLoad, load.finishedAt());
        advance(newestEvent, load.maxEventTime());
    }

    private double secondsSince(AtomicReference<Instant> time) {
        seedFromLedger();
        Instant at = time.get();
        return at == null ? Double.NaN : Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }

    /**
     * At the first scrape (the warehouse is chosen by then): what the ledger says of earlier loads; asked again at
     * the next scrape when the warehouse did not answer.
     */
    private synchronized void seedFromLedger() {
        if (seeded.get()) {
            return;
        }
        try {
            ledger.recent(1_000).stream().filter(load -> load.status() == RawEventsStore.LoadStatus.LOADED)
                    .forEach(load -> {
                        advance(lastLoad, load.finishedAt());
                        advance(newestEvent, load.maxEventTime());
                    });
            seeded.set(true);
        } catch (RuntimeException e) {
            LOG.debugf("Source freshness not seeded from the ledger (%s); it follows the next load", e.getMessage());
        }
    }

    private static void advance(AtomicReference<Instant> time, Instant candidate) {
        if (candidate != null) {
            time.accumulateAndGet(candidate, (current, next) -> current == null || next.isAfter(current) ? next
                    : current);
        }
    }
}
