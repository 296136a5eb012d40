package dev.estore.transform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the transform-service. */
@ConfigMapping(prefix = "estore.transform")
public interface TransformConfig {

    /**
     * Overrides of the project's variables (models/project.yml), e.g.
     * {@code estore.transform.vars.churn_threshold_days=90}.
     */
    Map<String, String> vars();

    /** A model project folder on disk to use instead of the packaged one (edit SQL without a rebuild). */
    Optional<Path> projectDir();

    /** A burst of triggers closer together than this becomes one build. */
    @WithDefault("2s")
    Duration coalesceQuietPeriod();

    /** ...but a build waits at most this long after the first trigger of a burst. */
    @WithDefault("60s")
    Duration coalesceMaxWait();

    /**
     * At startup, build when a build is owed (the last one was interrupted or failed, or loads were never built).
     * The embedded runner checks after it has opened the chosen warehouse file instead.
     */
    @WithDefault("true")
    boolean catchUpAtStartup();

    /**
     * At shutdown (SIGTERM), how long a running build may take to finish before the process goes: keep it under the
     * platform's grace period (Kubernetes terminationGracePeriodSeconds, Cloud Run's 10 s). A build still running
     * then is recorded as interrupted and built again at the next start.
     */
    @WithDefault("25s")
    Duration shutdownWait();

    /**
     * The most events (estimated from the load ledger) one statement of a model with {@code batch_size: day}
     * writes: a build of more days is written in batches of days. Unset: one statement per model, whatever its
     * size (BigQuery scales a statement out; DuckDB spills a statement bigger than its memory to disk, and a
     * month of the seed's size then costs half as much again as its parts).
     */
    java.util.OptionalLong batchMaxEvents();

    /** How many finished runs GET /runs remembers. */
    @WithDefault("200")
    int historySize();
}
