package dev.estore.loader;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Which bucket objects the loader takes. */
@ConfigMapping(prefix = "estore.loader")
public interface LoaderConfig {

    /** The bucket a {@code POST /loads} without a bucket refers to. */
    @WithDefault("${estore.bucket.name:estore-raw}")
    String bucket();

    /** Only objects under this prefix are loaded (absent: all). */
    Optional<String> objectPrefix();

    /** Only objects with one of these endings are loaded; others are acknowledged and ignored. */
    @WithDefault(".csv,.csv.gz")
    List<String> objectSuffixes();

    /**
     * Objects under the bucket's quarantine prefix are never loaded: quarantining copies a file there, and GCS
     * notifies that copy like any new object.
     */
    @WithDefault("${estore.bucket.quarantine-prefix:quarantine/}")
    String quarantinePrefix();

    /** When the catch-up sweep runs (a Quartz-style cron in UTC, read by {@link ScheduledSweep}), or "off". */
    @WithDefault("off")
    String sweepCron();

    /**
     * Acknowledge a bus delivery at once and load the file in the background, on this instance: for a push
     * subscription, whose request must end within Pub/Sub's ack deadline (600 s at most) however long the load
     * takes. A load cut short by the instance stopping is picked up by the catch-up sweep. Off: the delivery is
     * answered when the load has committed, and a failed load is retried by the bus.
     */
    @WithDefault("false")
    boolean loadAfterAck();

    /** Loads running at once on one instance when loading after acknowledgement (they mostly wait for BigQuery). */
    @WithDefault("2")
    int backgroundLoads();
}
