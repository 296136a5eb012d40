package dev.estore.snapshot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Settings of the snapshot-service. */
@ConfigMapping(prefix = "estore.snapshot")
public interface SnapshotConfig {

    /**
     * A folder of snapshot definitions on disk ({@code snapshots.yml} plus one {@code <name>.yml} per snapshot)
     * to use instead of the packaged ones, so a snapshot can be added without a rebuild.
     */
    Optional<Path> definitionsDir();

    /** The weekly run of every snapshot (Quartz cron, UTC); "off" disables it. */
    @WithDefault("0 0 1 ? * SUN")
    String weeklyCron();
}
