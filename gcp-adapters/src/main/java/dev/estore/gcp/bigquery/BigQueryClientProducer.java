package dev.estore.gcp.bigquery;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The BigQuery client as a CDI bean, configured with the names the Quarkiverse BigQuery extension uses (that
 * extension is not served by the package mirror here): {@code quarkus.google.cloud.project-id} and
 * {@code quarkus.google.cloud.bigquery.host-override}. Credentials are Google's application default credentials,
 * except against a host override (a local stand-in), which gets none.
 */
public class BigQueryClientProducer {

    @Produces
    @Singleton
    @DefaultBean
    public BigQuery bigQuery(@ConfigProperty(name = "quarkus.google.cloud.project-id") Optional<String> projectId,
            @ConfigProperty(name = "quarkus.google.cloud.bigquery.host-override") Optional<String> hostOverride,
            BigQueryConfig config) {
        return options(projectId, hostOverride, config.location()).getService();
    }

    static BigQueryOptions options(Optional<String> projectId, Optional<String> hostOverride, String location) {
        BigQueryOptions.Builder builder = BigQueryOptions.newBuilder().setLocation(location);
        projectId.ifPresent(builder::setProjectId);
        hostOverride.ifPresent(host -> builder.setHost(host).setCredentials(NoCredentials.getInstance()));
        return builder.build();
    }
}
