package dev.estore.cloudcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The check expects what deploy/terraform creates: the same subscriptions, topics and datasets. */
class DeploymentTest {

    static final Path TERRAFORM = Path.of("..", "terraform");

    @Test
    void theSubscriptionsAreTerraformsWithTheirTopics() throws Exception {
        String pubsub = Files.readString(TERRAFORM.resolve("pubsub.tf"));
        Map<String, String> declared = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("\"([a-z.-]+)\"\\s*=\\s*\\{\\s*topic\\s*=\\s*\"([a-z-]+)\"").matcher(pubsub);
        while (entry.find()) {
            declared.put(entry.group(1), entry.group(2));
        }

        assertThat(declared).isNotEmpty().isEqualTo(Deployment.SUBSCRIPTIONS);
        assertThat(pubsub).contains("name = \"${var.prefix}" + Deployment.DEAD_LETTER + "\"");
    }

    @Test
    void theDatasetsAreTerraforms() throws Exception {
        String bigquery = Files.readString(TERRAFORM.resolve("bigquery.tf"));

        assertThat(bigquery).contains("datasets       = [" + String.join(", ", Deployment.SCHEMAS.stream()
                .map(schema -> "\"" + schema + "\"").toList()) + "]");
    }
}
