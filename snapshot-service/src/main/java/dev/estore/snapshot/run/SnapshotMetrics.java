package dev.estore.snapshot.run;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The snapshot service's meter, as /q/metrics shows it: {@code estore_snapshot_changes_total{snapshot,kind}}, the
 * keys each successful run found new, reappeared, changed or closed (see {@link Changes}).
 */
@ApplicationScoped
public class SnapshotMetrics {

    private final MeterRegistry registry;

    public SnapshotMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(SnapshotOutcome outcome) {
        if (outcome.status() != SnapshotOutcome.Status.SUCCESS) {
            return;
        }
        Changes changes = outcome.changes();
        count(outcome.snapshot(), "new", changes.newKeys());
        count(outcome.snapshot(), "reappeared", changes.reappeared());
        count(outcome.snapshot(), "changed", changes.changed());
        count(outcome.snapshot(), "closed", changes.closed());
    }

    private void count(String snapshot, String kind, long keys) {
        registry.counter("estore.snapshot.changes", "snapshot", snapshot, "kind", kind).increment(keys);
    }
}
