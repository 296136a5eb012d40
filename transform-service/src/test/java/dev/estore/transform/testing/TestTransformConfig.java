package dev.estore.transform.testing;

import dev.estore.transform.TransformConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The transform's settings for tests that build the packaged models without Quarkus: the project's own variables,
 * short coalescing. Shared through the test-jar with the modules that build the marts to test on them.
 */
public record TestTransformConfig(Map<String, String> vars, Optional<Path> projectDir, Duration coalesceQuietPeriod,
        Duration coalesceMaxWait, int historySize, boolean catchUpAtStartup) implements TransformConfig {

    /** The packaged models with their variables as written in models/project.yml. */
    public static TestTransformConfig packagedModels() {
        return new TestTransformConfig(Map.of(), Optional.empty(), Duration.ofMillis(200), Duration.ofSeconds(5), 10,
                false);
    }

    @Override
    public Duration shutdownWait() {
        return Duration.ofSeconds(5);
    }
}
