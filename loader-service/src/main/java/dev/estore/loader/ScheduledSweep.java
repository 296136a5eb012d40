package dev.estore.loader;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * The catch-up sweep on a schedule ({@code estore.loader.sweep-cron}; "off" by default, where the local bucket
 * watcher sees every file; hourly in Google Cloud mode, where a lost notification would leave a file unloaded).
 */
@ApplicationScoped
public class ScheduledSweep {

    private static final Logger LOG = Logger.getLogger(ScheduledSweep.class);

    private final LoaderService loader;

    public ScheduledSweep(LoaderService loader) {
        this.loader = loader;
    }

    @Scheduled(identity = "loader-sweep", cron = "${estore.loader.sweep-cron:off}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            loader.sweep(null);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("The scheduled sweep of the loader's bucket failed: %s; the next run tries again",
                    e.getMessage());
        }
    }
}
