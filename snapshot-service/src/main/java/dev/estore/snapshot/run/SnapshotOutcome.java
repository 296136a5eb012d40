package dev.estore.snapshot.run;

import java.time.Instant;

/**
 * One snapshot within one run: its counts and size on success, its reason on failure (the table then keeps its
 * previous state).
 *
 * @param runTime the instant the run's versions start or end at (valid_from / valid_to)
 */
public record SnapshotOutcome(
        String snapshot,
        String relation,
        String runId,
        String trigger,
        Status status,
        Instant runTime,
        Instant startedAt,
        Instant finishedAt,
        Changes changes,
        long rows,
        long currentRows,
        String error) {

    public enum Status {
        SUCCESS, FAILED
    }
}
