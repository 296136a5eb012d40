package dev.estore.embedded.duckdb;

import dev.estore.shared.contracts.ObjectRef;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;
import org.jboss.logging.Logger;

/** Logs a progress line every few seconds while DuckDB reads a large file, from DuckDB's own query progress. */
final class LoadProgress implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LoadProgress.class);
    private static final long PERIOD_SECONDS = 5;
    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "load-progress");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledFuture<?> ticks;

    private LoadProgress(ScheduledFuture<?> ticks) {
        this.ticks = ticks;
    }

    static LoadProgress watch(PreparedStatement statement, ObjectRef object) {
        long started = System.nanoTime();
        DuckDBPreparedStatement duck = (DuckDBPreparedStatement) statement;
        return new LoadProgress(TICKER.scheduleAtFixedRate(() -> report(duck, object, started), PERIOD_SECONDS,
                PERIOD_SECONDS, TimeUnit.SECONDS));
    }

    private static void report(DuckDBPreparedStatement statement, ObjectRef object, long started) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        try {
            QueryProgress progress = statement.getQueryProgress();
            if (progress.getPercentage() >= 0) {
                LOG.infof("Loading %s: %.0f%% read after %d s", object.name(), progress.getPercentage(), seconds);
                return;
            }
        } catch (SQLException | RuntimeException e) {
            // progress is a courtesy; fall through to the elapsed-time line
        }
        LOG.infof("Loading %s: still reading after %d s", object.name(), seconds);
    }

    @Override
    public void close() {
        ticks.cancel(false);
    }
}
