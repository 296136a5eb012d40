package dev.estore.gcp.gcs;

import com.google.auth.Credentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.estore.gcp.config.ClientCredentials;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Cloud Storage client as a CDI bean, as the Quarkiverse storage extension would produce it (that extension is
 * not available here), with the same settings: {@code quarkus.google.cloud.project-id} and
 * {@code quarkus.google.cloud.storage.host-override} (an emulator or stand-in, reached without credentials).
 * A {@link DefaultBean}, so tests can produce their own.
 */
public class StorageProducer {

    @Produces
    @Singleton
    @DefaultBean
    Storage storage(@ConfigProperty(name = "quarkus.google.cloud.project-id") Optional<String> projectId,
            @ConfigProperty(name = "quarkus.google.cloud.storage.host-override") Optional<String> hostOverride,
            Instance<Credentials> credentials) {
        StorageOptions.Builder options = StorageOptions.newBuilder();
        projectId.ifPresent(options::setProjectId);
        hostOverride.ifPresent(options::setHost);
        return options.setCredentials(ClientCredentials.forHost(hostOverride, () -> credentials.get()))
                .build().getService();
    }
}
