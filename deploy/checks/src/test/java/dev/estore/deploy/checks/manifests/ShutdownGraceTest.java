package dev.estore.deploy.checks.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.deploy.checks.DeployFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A running build may use estore.transform.shutdown-wait after SIGTERM; that must end before the platform kills the
 * process, or the wait promises what the platform does not give (Kubernetes: terminationGracePeriodSeconds; Cloud
 * Run: 10 seconds, fixed).
 */
class ShutdownGraceTest {

    static final Path DEPLOY = DeployFolder.deploy();

    @Test
    void theTransformBuildsWaitIsShorterThanEachPlatformsGracePeriod() throws Exception {
        Duration kubernetesWait = seconds(match(Files.readString(DEPLOY.resolve("kubernetes/base/transform-service.env")),
                "ESTORE_TRANSFORM_SHUTDOWN_WAIT=(\\d+)s"));
        Duration kubernetesGrace = seconds(match(Files.readString(DEPLOY.resolve(
                "kubernetes/base/transform-service.yaml")), "terminationGracePeriodSeconds: (\\d+)"));
        Duration cloudRunWait = seconds(match(Files.readString(DEPLOY.resolve("cloudrun/transform-service.yaml")),
                "ESTORE_TRANSFORM_SHUTDOWN_WAIT\\s+value: '?(\\d+)s"));
        Duration terraformWait = seconds(match(Files.readString(DEPLOY.resolve("terraform/cloudrun.tf")),
                "ESTORE_TRANSFORM_SHUTDOWN_WAIT = \"(\\d+)s\""));

        assertThat(kubernetesWait).isLessThan(kubernetesGrace);
        assertThat(cloudRunWait).isLessThan(Duration.ofSeconds(10)).isEqualTo(terraformWait);
    }

    private static String match(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertThat(matcher.find()).as(pattern).isTrue();
        return matcher.group(1);
    }

    private static Duration seconds(String digits) {
        return Duration.ofSeconds(Long.parseLong(digits));
    }
}
