package dev.estore.embedded.bucket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** The local folder that plays the bucket on a laptop. */
@ConfigMapping(prefix = "estore.bucket")
public interface BucketConfig {

    /** The bucket name the folder stands for (what a GCS notification would carry). */
    @WithDefault("estore-raw")
    String name();

    @WithDefault("data/bucket")
    Path root();

    /** Where refused files are moved; the watcher never reports objects under it. */
    @WithDefault("quarantine/")
    String quarantinePrefix();

    /** How often the watcher looks for new files; a file counts as complete once unchanged for one interval. */
    @WithDefault("1s")
    Duration pollInterval();
}
