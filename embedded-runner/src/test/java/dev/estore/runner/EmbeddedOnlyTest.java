package dev.estore.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.embedded.bucket.LocalFolderObjectStore;
import dev.estore.embedded.bus.InProcessEventBus;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.ports.ObjectStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * The runner is the embedded default only: the services' Google Cloud adapters are excluded from it, and their
 * Google Cloud settings (kept under the gcp profile in the service jars, which this app also reads) stay inert.
 */
@QuarkusTest
class EmbeddedOnlyTest {

    @Inject
    EventBus bus;
    @Inject
    ObjectStore bucket;
    @Inject
    Config config;

    @Test
    void runsOnTheEmbeddedAdaptersWithoutTheGoogleCloudOnes() {
        assertThat(bus).isInstanceOf(InProcessEventBus.class);
        assertThat(bucket).isInstanceOf(LocalFolderObjectStore.class);
        assertThatThrownBy(() -> Class.forName("dev.estore.gcp.pubsub.PubSubEventBus"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.quarkiverse.googlecloudservices.pubsub.QuarkusPubSub"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theServicesGoogleCloudSettingsDoNotLeakIn() {
        assertThat(config.getValue("quarkus.application.name", String.class)).isEqualTo("estore");
        assertThat(config.getOptionalValue("estore.gcp.required-settings", String.class)).isEmpty();
        assertThat(config.getOptionalValue("estore.loader.sweep-cron", String.class)).hasValue("off");
    }
}
