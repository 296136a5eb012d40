package dev.estore.gcp.bigquery;

import com.google.auth.Credentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import dev.estore.gcp.config.ClientCredentials;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The BigQuery client as a CDI bean, configured with the names the Quarkiverse BigQuery extension uses (that
 * extension is not served by the package mirror here): {@code quarkus.google.cloud.project-id} and
 * {@code quarkus.google.cloud.bigquery.host-override}. Credentials are the Quarkiverse extensions' shared ones
 * ({@code quarkus.google.cloud.service-account-location} / {@code -encoded-key}, else application default
 * credentials), except against a host override (a local stand-in), which gets none.
 */
public class BigQueryClientProducer {

    @Produces
    @Singleton
    @DefaultBean
    public BigQuery bigQuery(@ConfigProperty(name = "quarkus.google.cloud.project-id") Optional<String> projectId,
            @ConfigProperty(name = "quarkus.google.cloud.bigquery.host-override") Optional<String> hostOverride,
            BigQueryConfig config, Instance<Credentials> credentials) {
        return options(projectId, hostOverride, config.location(), credentials::get).getService();
    }

    static BigQueryOptions options(Optional<String> projectId, Optional<String> hostOverride, String location,
            Supplier<Credentials> credentials) {
        BigQueryOptions.Builder builder = BigQueryOptions.newBuilder().setLocation(location);
        projectId.ifPresent(builder::setProjectId);
        hostOverride.ifPresent(builder::setHost);
        return builder.setCredentials(ClientCredentials.forHost(hostOverride, credentials)).build();
    }
}
