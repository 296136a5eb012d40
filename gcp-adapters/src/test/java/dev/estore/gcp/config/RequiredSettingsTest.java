package dev.estore.gcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredSettingsTest {

    static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withProfile("gcp")
                .withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    @Test
    void namesEveryMissingKeyWithItsEnvironmentVariable() {
        var problems = RequiredSettings.problems(config(Map.of(
                "estore.gcp.required-settings", "estore.bucket.name",
                "estore.pubsub.push.oidc.enabled", "true",
                "estore.pubsub.push.oidc.audience", "https://loader.run.app/pubsub/push")));

        assertThat(problems).containsExactly(
                "quarkus.google.cloud.project-id (environment variable QUARKUS_GOOGLE_CLOUD_PROJECT_ID) is not set",
                "estore.pubsub.push.oidc.service-account-email (environment variable "
                        + "ESTORE_PUBSUB_PUSH_OIDC_SERVICE_ACCOUNT_EMAIL) is not set",
                "estore.bucket.name (environment variable ESTORE_BUCKET_NAME) is not set");
    }

    @Test
    void theGcpProfileMustBeActive() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(
                Map.of("quarkus.google.cloud.project-id", "estore-dev"), "test", 100)).build();

        assertThat(RequiredSettings.problems(config))
                .containsExactly("the 'gcp' configuration profile is not active (set QUARKUS_PROFILE=gcp)");
    }

    @Test
    void aCompleteConfigurationPasses() {
        assertThat(RequiredSettings.problems(config(Map.of(
                "quarkus.google.cloud.project-id", "estore-dev",
                "estore.gcp.required-settings", "estore.bucket.name",
                "estore.bucket.name", "estore-dev-raw",
                "estore.pubsub.receive-mode", "pull")))).isEmpty();
    }

    @Test
    void anUnknownReceiveModeAndABlankValueAreProblems() {
        assertThat(RequiredSettings.problems(config(Map.of(
                "quarkus.google.cloud.project-id", " ",
                "estore.pubsub.receive-mode", "poll"))))
                .containsExactly(
                        "quarkus.google.cloud.project-id (environment variable QUARKUS_GOOGLE_CLOUD_PROJECT_ID) is not set",
                        "estore.pubsub.receive-mode is 'poll'; use push (Cloud Run) or pull (Kubernetes)");
    }

    @Test
    void theStartupCheckStopsTheAppNamingEveryMissingKey() {
        var config = config(Map.of("estore.gcp.required-settings", "estore.bucket.name"));

        assertThatThrownBy(() -> new GcpStartupCheck().check(null, config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Google Cloud mode cannot start: ")
                .hasMessageContaining("quarkus.google.cloud.project-id (environment variable "
                        + "QUARKUS_GOOGLE_CLOUD_PROJECT_ID) is not set")
                .hasMessageContaining("estore.bucket.name (environment variable ESTORE_BUCKET_NAME) is not set");
    }
}
