package dev.estore.transform.build;

import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.TransformConfig;
import dev.estore.transform.project.ModelProject;
import dev.estore.transform.window.ChangeLedger;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Builds when a build is owed although no trigger will come: the last build was interrupted (kill -9, OOM, a
 * closed laptop) or failed, or the ledger holds loads or pending days no build has taken in (a trigger lost with
 * its process). Runs at startup ({@code estore.transform.catch-up-at-startup}), and wherever a host knows the
 * warehouse is ready (the embedded runner's {@code run} and {@code serve}, after choosing the warehouse file).
 */
@ApplicationScoped
public class CatchUpBuild {

    private static final Logger LOG = Logger.getLogger(CatchUpBuild.class);

    private final BuildCoordinator builds;
    private final RunHistory history;
    private final Warehouse warehouse;
    private final ModelProject project;
    private final TransformConfig config;

    public CatchUpBuild(BuildCoordinator builds, RunHistory history, Warehouse warehouse, ModelProject project,
            TransformConfig config) {
        this.builds = builds;
        this.history = history;
        this.warehouse = warehouse;
        this.project = project;
        this.config = config;
    }

    void atStartup(@Observes StartupEvent startup) {
        if (config.catchUpAtStartup()) {
            try {
                submitIfOwed("startup");
            } catch (RuntimeException e) {
                // the daily build catches up later; a warehouse that cannot be read now must not stop the service
                LOG.warnf("Could not check at startup whether a build is owed: %s", e.getMessage());
            }
        }
    }

    /** Queues a build of every model when one is owed; returns its run id. {@code occasion} names the caller. */
    public Optional<String> submitIfOwed(String occasion) {
        Optional<String> reason = owed();
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        LOG.infof("A build is owed (%s): building to bring the models up to date", reason.get());
        return Optional.of(builds.submit(BuildRequest.all("catch-up:" + occasion)));
    }

    /** Why a build is owed, or empty when the models are up to date. */
    public Optional<String> owed() {
        Optional<RunRecord> last = history.lastFinished();
        if (last.isPresent() && last.get().status() != RunRecord.Status.SUCCESS) {
            return Optional.of("the last build, " + last.get().runId() + ", "
                    + (last.get().status() == RunRecord.Status.INTERRUPTED ? "was interrupted" : "failed"));
        }
        return new ChangeLedger(warehouse).unbuiltWork(project.buildOrder());
    }
}
