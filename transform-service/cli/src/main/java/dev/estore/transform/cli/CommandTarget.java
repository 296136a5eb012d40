package dev.estore.transform.cli;

import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What the commands need from the app that assembles them: the embedded runner (DuckDB, the other services in the
 * same JVM) or the transform's cloud app (BigQuery, the other services behind Pub/Sub).
 */
public interface CommandTarget {

    /** Names the warehouse in messages: "DuckDB data/warehouse.duckdb", "BigQuery project p, datasets estore_*". */
    String describe();

    /**
     * Uses this DuckDB file instead of the configured warehouse (the commands' {@code --warehouse}); refused with
     * the reason where the warehouse is not a file.
     */
    void useWarehouseFile(Path file);

    /** Where manifest.json goes unless --target-path says otherwise (dbt's target/). */
    Path defaultTargetPath();

    /**
     * Builds through the transform service, so that whatever follows a build follows it (snapshots and the semantic
     * layer, in this JVM or over the bus), telling {@code progress} each model as it finishes. The run's record, or
     * null when it did not finish within the timeout; an IllegalArgumentException, with the reason and what to do,
     * where this app does not build production (the cloud app: the deployed service does).
     */
    RunRecord build(BuildRequest request, Duration timeout, Consumer<ModelRun> progress) throws InterruptedException;
}
