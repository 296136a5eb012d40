package dev.estore.embedded.duckdb;

import java.nio.file.Path;
import java.util.Optional;

/**
 * DuckDB settings given in code rather than read from configuration, for tests that open their own file (shared
 * with the services' tests through this module's test-jar).
 */
public record FixedDuckDbConfig(Path path, Optional<String> memoryLimit, Optional<Path> tempDirectory,
        Optional<Integer> threads, String checkpointThreshold) implements DuckDbConfig {

    /** Tests checkpoint when they choose to. */
    @Override
    public String idleCheckpointEvery() {
        return "off";
    }

    /** The optimizers the warehouse turns off by default, as in production. */
    @Override
    public String disabledOptimizers() {
        return DEFAULT_DISABLED_OPTIMIZERS;
    }

    /** A database at {@code path} with a memory limit and thread count, spilling beside the file. */
    public static FixedDuckDbConfig of(Path path, String memoryLimit, int threads) {
        return new FixedDuckDbConfig(path, Optional.of(memoryLimit), Optional.empty(), Optional.of(threads), "16MB");
    }
}
