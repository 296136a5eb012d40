package dev.estore.deploy.checks.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.deploy.checks.DeployFolder;
import dev.estore.deploy.checks.terraform.TerraformConfig.Reference;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What terraform validate would catch without a provider download (the google provider cannot be fetched here):
 * every variable, local, resource and data source referenced is declared, and every variable is used.
 */
class TerraformReferencesTest {

    private static TerraformConfig config;

    @BeforeAll
    static void read() {
        config = TerraformConfig.read(DeployFolder.terraform());
    }

    @Test
    void everyReferencedVariableIsDeclared() {
        assertThat(undeclared("var", config.variables())).isEmpty();
    }

    @Test
    void everyReferencedLocalIsDeclared() {
        assertThat(undeclared("local", config.locals().keySet())).isEmpty();
    }

    @Test
    void everyReferencedResourceIsDeclared() {
        assertThat(undeclared("resource", config.resources())).isEmpty();
    }

    @Test
    void everyReferencedDataSourceIsDeclared() {
        assertThat(undeclared("data", config.dataSources())).isEmpty();
    }

    @Test
    void everyVariableIsUsed() {
        Set<String> used = config.references().stream().filter(r -> r.kind().equals("var"))
                .map(Reference::name).collect(Collectors.toSet());
        assertThat(config.variables()).as("variables declared but never used").allMatch(used::contains);
    }

    @Test
    void theReadingFindsTheReferences() {
        // Guards the checks above against passing because the reading found nothing.
        assertThat(config.references()).extracting(Reference::kind).contains("var", "local", "data", "resource");
        assertThat(config.resources()).contains("google_pubsub_topic.topic", "google_cloud_run_v2_service.service");
    }

    private List<Reference> undeclared(String kind, Set<String> declared) {
        return config.references().stream()
                .filter(r -> r.kind().equals(kind) && !declared.contains(r.name()))
                .toList();
    }
}
