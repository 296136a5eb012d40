package dev.estore.transform.cli;

import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunHistory;
import dev.estore.transform.build.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A build queued on the transform service and followed to its end, each model told as it finishes (the run's live
 * record, as GET /runs/{id} shows it). Queued, not run directly, so that what follows a build follows this one.
 */
public final class FollowedBuild {

    private FollowedBuild() {
    }

    /** The finished run, or null when it did not finish within the timeout. */
    public static RunRecord follow(BuildCoordinator builds, RunHistory history, BuildRequest request,
            Duration timeout, Consumer<ModelRun> progress) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String runId = builds.submit(request);
        int told = 0;
        while (Instant.now().isBefore(deadline)) {
            RunRecord run = history.find(runId).orElse(null);
            List<ModelRun> models = run == null ? List.of() : run.models();
            for (; told < models.size(); told++) {
                progress.accept(models.get(told));
            }
            if (run != null && run.status().finished()) {
                return run;
            }
            Thread.sleep(100);
        }
        return null;
    }
}
