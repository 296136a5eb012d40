package dev.estore.shared.contracts;

import java.time.Instant;
import java.util.List;

/** A snapshot run finished; per snapshot, how many keys were new, changed, closed or unchanged. */
public record SnapshotsTaken(String runId, String trigger, List<SnapshotCounts> snapshots, Instant takenAt) {

    public record SnapshotCounts(String name, long newKeys, long changed, long closed, long unchanged) {
    }
}
