package dev.estore.runner.pipeline;

import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.work.WorkInProgress;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes DuckDB's write-ahead log into the warehouse file when the pipeline is idle, so that no build's commit
 * pays for a checkpoint (seconds at 10M events: every table changed since the last one is rewritten) just because
 * the log crossed checkpoint_threshold during it. {@code serve} checks every
 * {@code estore.warehouse.duckdb.idle-checkpoint-every}; {@code run} and {@code bench} checkpoint once the pipeline
 * has settled ({@link EmbeddedPipeline}) and report the time apart from the build.
 */
@ApplicationScoped
public class IdleCheckpoint {

    private final DuckDbDatabase database;
    private final WorkInProgress work;

    IdleCheckpoint(DuckDbDatabase database, WorkInProgress work) {
        this.database = database;
        this.work = work;
    }

    @Scheduled(identity = "warehouse-idle-checkpoint", every = "${estore.warehouse.duckdb.idle-checkpoint-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void whenIdle() {
        if (work.open() == 0) {
            database.checkpoint();
        }
    }
}
