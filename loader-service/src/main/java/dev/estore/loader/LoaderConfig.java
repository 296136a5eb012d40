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
}
