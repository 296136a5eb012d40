package dev.estore.snapshot.triggers;

import dev.estore.snapshot.run.SnapshotService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every snapshot once a week (Sunday 01:00 UTC by default; {@code estore.snapshot.weekly-cron}, or "off"), so
 * the history advances even in a week without builds.
 */
@ApplicationScoped
public class WeeklySnapshot {

    private final SnapshotService snapshots;

    public WeeklySnapshot(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @Scheduled(identity = "snapshot-weekly", cron = "${estore.snapshot.weekly-cron:0 0 1 ? * SUN}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void weekly() {
        snapshots.runAll("schedule:weekly");
    }
}
