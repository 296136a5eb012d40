package dev.estore.gcp.bigquery;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;
import io.smallrye.config.WithDefault;

/** The estore side of the BigQuery warehouse: dataset names, location and the raw load's tolerance. */
@ConfigMapping(prefix = "estore.bigquery")
public interface BigQueryConfig {

    /** Prepended to each schema to name its dataset: schema {@code raw} is dataset {@code estore_raw}. */
    @WithDefault("estore_")
    String datasetPrefix();

    /** Where the datasets are created and the jobs run (a multi-region such as EU, or a region). */
    @WithDefault("EU")
    String location();

    /**
     * Rows a raw load job may reject (unparseable fields, wrong field count) before the whole file fails; each
     * rejected row is recorded in raw.load_rejects.
     */
    @WithDefault("1000")
    int maxBadRecords();

    /**
     * The cap on what any one query job may bill (BigQuery's maximumBytesBilled): a query that would bill more
     * fails before it runs, and the error names this setting. Unset: no cap.
     */
    Optional<Long> maximumBytesBilled();

    /**
     * An active session of this app untouched this long belongs to an instance that died inside a
     * transaction: startup aborts it ({@link StaleSessions}). 0 turns the startup check off.
     */
    @WithDefault("15m")
    Duration staleSessionAfter();
}
