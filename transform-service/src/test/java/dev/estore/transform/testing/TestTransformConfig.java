package dev.estore.transform.testing;

import dev.estore.transform.TransformConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The transform's settings for tests that build the packaged models without Quarkus: the project's own variables,
 * short coalescing. Shared through the test-jar with the modules that build the marts to test on them.
 */
public record TestTransformConfig(Map<String, String> vars, Optional<Path> projectDir, Duration coalesceQuietPeriod,
        Duration coalesceMaxWait, int historySize, boolean catchUpAtStartup, OptionalLong batchMaxEvents)
        implements TransformConfig {

    public TestTransformConfig(Map<String, String> vars, Optional<Path> projectDir, Duration coalesceQuietPeriod,
            Duration coalesceMaxWait, int historySize, boolean catchUpAtStartup) {
        this(vars, projectDir, coalesceQuietPeriod, coalesceMaxWait, historySize, catchUpAtStartup,
                OptionalLong.empty());
    }

    /** The packaged models with their variables as written in models/project.yml. */
    public static TestTransformConfig packagedModels() {
        return new TestTransformConfig(Map.of(), Optional.empty(), Duration.ofMillis(200), Duration.ofSeconds(5), 10,
                false);
    }

    /** The same settings, writing batch_size: day models in statements of at most this many estimated events. */
    public TestTransformConfig withBatchMaxEvents(long events) {
        return new TestTransformConfig(vars, projectDir, coalesceQuietPeriod, coalesceMaxWait, historySize,
                catchUpAtStartup, OptionalLong.of(events));
    }

    @Override
    public Duration shutdownWait() {
        return Duration.ofSeconds(5);
    }
}
