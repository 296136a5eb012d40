package dev.estore.embedded.duckdb;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** The embedded warehouse: one DuckDB file, with DuckDB's memory limit and spill folder. */
@ConfigMapping(prefix = "estore.warehouse.duckdb")
public interface DuckDbConfig {

    /** The optimizers turned off unless configured otherwise (see {@link #disabledOptimizers()}). */
    String DEFAULT_DISABLED_OPTIMIZERS = "partitioned_execution";

    /** The database file; any DuckDB client can open it after a run. */
    @WithDefault("data/warehouse.duckdb")
    Path path();

    /** DuckDB's memory_limit, e.g. {@code 8GB}; DuckDB's own default (80% of RAM) when absent. */
    Optional<String> memoryLimit();

    /** Where DuckDB spills when a query outgrows the memory limit; defaults to {@code <path>.tmp}. */
    Optional<Path> tempDirectory();

    /**
     * DuckDB's checkpoint_threshold: the write-ahead log size at which a commit also checkpoints (writes the log
     * into the database file). DuckDB's 16MB makes nearly every commit of a build over a big warehouse pay for a
     * checkpoint (about a second at 10M events); with a larger log a build publishes sooner, checkpoints come
     * every few builds, and closing the warehouse checkpoints what is left. The embedded runner also
     * checkpoints whenever the pipeline is idle, so this threshold is a safety net for one very large build.
     */
    @WithDefault("512MB")
    String checkpointThreshold();

    /**
     * How often a long-running process (the embedded runner's {@code serve}) looks for an idle moment to write the
     * write-ahead log into the file, as a Quarkus scheduler period ({@code 30s}) or {@code off}.
     */
    @WithDefault("30s")
    String idleCheckpointEvery();

    /**
     * DuckDB's disabled_optimizers (a comma-separated list, or {@code none}). By default DuckDB 2.0's
     * partitioned_execution is off: it splits a big window or aggregation into ranges of the table's whole
     * min/max statistics, so a build reading one month of a multi-month table scanned that month about ten times
     * and ran its window in one or two of the ranges (the deduplication of half a month on 100M events of history:
     * 8.3-9.5 s with it, 6.1-6.8 s without; on a table holding only that month 4.9-5.5 s either way).
     */
    @WithDefault(DEFAULT_DISABLED_OPTIMIZERS)
    String disabledOptimizers();

    /** Worker threads; DuckDB's default (all cores) when absent. */
    Optional<Integer> threads();
}
