package dev.estore.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No configuration moves the health endpoints away from /q/health/live and /q/health/ready, the probe paths every
 * manifest uses. That each cloud app serves both is checked by its own emulator test (it GETs them).
 */
class HealthEndpointsTest {

    private static final List<String> MOVING_KEYS = List.of("quarkus.smallrye-health.root-path",
            "quarkus.smallrye-health.liveness-path", "quarkus.smallrye-health.readiness-path",
            "quarkus.http.non-application-root-path", "quarkus.http.root-path");

    @Test
    void noConfigurationMovesTheHealthEndpoints() throws IOException {
        try (Stream<Path> files = Files.walk(DeployFolder.root())) {
            List<Path> configs = files
                    .filter(f -> f.toString().contains("src" + java.io.File.separator + "main"))
                    .filter(f -> f.getFileName().toString().matches("application.*\\.(properties|ya?ml)"))
                    .toList();
            for (Path config : configs) {
                String text = Files.readString(config);
                for (String key : MOVING_KEYS) {
                    assertThat(text).as(config + " sets " + key + ": the probes in deploy/ would miss the health endpoints")
                            .doesNotContain(key);
                }
            }
        }
    }
}
