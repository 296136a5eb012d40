package dev.estore.snapshot.run;

import java.time.Instant;
import java.util.List;

/** One trigger's run of one or more snapshots, all at the same run time. SUCCESS when every snapshot succeeded. */
public record SnapshotRun(String runId, String trigger, SnapshotOutcome.Status status, Instant runTime,
        Instant startedAt, Instant finishedAt, List<SnapshotOutcome> snapshots) {

    public SnapshotRun {
        snapshots = List.copyOf(snapshots);
    }

    static SnapshotRun of(String runId, String trigger, Instant runTime, Instant startedAt,
            List<SnapshotOutcome> snapshots) {
        boolean ok = snapshots.stream().allMatch(outcome -> outcome.status() == SnapshotOutcome.Status.SUCCESS);
        return new SnapshotRun(runId, trigger, ok ? SnapshotOutcome.Status.SUCCESS : SnapshotOutcome.Status.FAILED,
                runTime, startedAt, Instant.now(), snapshots);
    }
}
