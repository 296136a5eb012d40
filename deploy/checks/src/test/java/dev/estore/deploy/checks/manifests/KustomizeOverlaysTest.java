package dev.estore.deploy.checks.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.estore.deploy.checks.DeployFolder;
import dev.estore.deploy.checks.ServiceSettings;
import dev.estore.deploy.checks.Services;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dev and prod overlays resolve: by reading their references (always), and by rendering them with
 * {@code kubectl kustomize} and validating the result when kubectl is installed.
 */
class KustomizeOverlaysTest {

    private static final Path KUBERNETES = DeployFolder.kubernetes();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyReferenceResolves(String overlay) throws IOException {
        Path dir = KUBERNETES.resolve("overlays").resolve(overlay);
        Kustomization kustomization = Kustomization.in(dir);
        Kustomization base = Kustomization.in(KUBERNETES.resolve("base"));
        assertThat(kustomization.namespace()).as("overlays name their namespace").isNotBlank();

        Set<String> declared = new HashSet<>();
        for (String resource : kustomization.resources()) {
            Path target = dir.resolve(resource).normalize();
            if (Files.isDirectory(target)) {
                assertThat(target.resolve("kustomization.yaml")).as(resource).exists();
                for (String file : Kustomization.in(target).resources()) {
                    declared.addAll(kindsAndNames(target.resolve(file)));
                }
            } else {
                assertThat(target).as(overlay + " resource " + resource).exists();
                declared.addAll(kindsAndNames(target));
            }
        }
        for (String patch : kustomization.patchPaths()) {
            assertThat(dir.resolve(patch)).as(overlay + " patch").exists();
            assertThat(kindsAndNames(dir.resolve(patch))).as(overlay + " patch " + patch + " targets existing objects")
                    .allMatch(declared::contains);
        }
        kustomization.configMapGenerators().forEach((name, generator) -> {
            if (generator.behavior().equals("merge")) {
                assertThat(base.configMapGenerators()).as(overlay + " merges into a base ConfigMap").containsKey(name);
            }
            for (String env : generator.envs()) {
                assertThat(dir.resolve(env)).as(overlay + " env file").exists();
                String service = name.equals("estore-common") ? Services.NAMES.get(0) : name.replace("-settings", "");
                kustomization.envFile(env).keySet().forEach(key -> assertThat(ServiceSettings.refusal(service, key, false))
                        .as(overlay + "/" + env + " " + key).isEmpty());
            }
        });
        assertThat(kustomization.images().keySet()).as(overlay + " sets every service's image")
                .containsExactlyInAnyOrderElementsOf(Services.NAMES);
        Services.SINGLE_INSTANCE.forEach(service -> assertThat(kustomization.replicas().getOrDefault(service, 1))
                .as(overlay + " keeps " + service + " at one replica").isEqualTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void workloadIdentityNamesTheEnvironmentsAccounts(String overlay) throws IOException {
        Path dir = KUBERNETES.resolve("overlays").resolve(overlay);
        Map<String, String> common = Kustomization.in(dir).envFile("common.env");
        String prefix = common.get("ESTORE_PUBSUB_TOPIC_PREFIX");
        String project = common.get("QUARKUS_GOOGLE_CLOUD_PROJECT_ID");
        assertThat(prefix).as(overlay + " common.env sets the prefix").isNotBlank();
        assertThat(common.get("ESTORE_BIGQUERY_DATASET_PREFIX")).isEqualTo(prefix.replace('-', '_'));
        List<ServiceAccount> accounts = Manifests.ofType(
                Manifests.read("workload-identity.yaml", Files.readString(dir.resolve("workload-identity.yaml"))),
                ServiceAccount.class);
        assertThat(accounts).extracting(a -> a.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(Services.NAMES);
        for (ServiceAccount account : accounts) {
            String service = account.getMetadata().getName();
            assertThat(account.getMetadata().getAnnotations()).containsEntry("iam.gke.io/gcp-service-account",
                    prefix + Services.ACCOUNT_IDS.get(service) + "@" + project + ".iam.gserviceaccount.com");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rendersToValidObjectsWithKubectl(String overlay) throws Exception {
        String rendered = kustomize(KUBERNETES.resolve("overlays").resolve(overlay));
        List<HasMetadata> objects = Manifests.read(overlay + " (rendered)", rendered);
        List<String> problems = new ArrayList<>();
        Set<String> configMaps = new HashSet<>();
        for (HasMetadata object : objects) {
            problems.addAll(UnknownFields.in(object, overlay + " " + object.getKind() + " " + object.getMetadata().getName()));
            assertThat(object.getMetadata().getNamespace()).as(object.getKind()).isEqualTo(Kustomization.in(
                    KUBERNETES.resolve("overlays").resolve(overlay)).namespace());
            if (object instanceof ConfigMap configMap) {
                configMaps.add(configMap.getMetadata().getName());
                assertThat(configMap.getData().values()).as("no placeholder left").noneMatch(v -> v.contains("PROJECT_ID"));
            }
        }
        List<Deployment> deployments = Manifests.ofType(objects, Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(Services.NAMES);
        for (Deployment deployment : deployments) {
            String service = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).as(service).matches("[a-z0-9.-]+/.+/" + service + ":[\\w.-]+");
            container.getEnvFrom().forEach(ref -> assertThat(configMaps).as(service + " envFrom")
                    .contains(ref.getConfigMapRef().getName()));
            problems.addAll(ContainerChecks.problems(overlay + " " + service, service, container));
        }
        assertThat(problems).isEmpty();
        assertThat(ServiceSettings.byEnvName("ESTORE_PUBSUB_RECEIVE_MODE")).isPresent();

        for (Deployment deployment : deployments) {
            if (Services.SINGLE_INSTANCE.contains(deployment.getMetadata().getName())) {
                assertThat(deployment.getSpec().getReplicas()).as(overlay + " " + deployment.getMetadata().getName())
                        .isEqualTo(1);
            }
        }
        // The loader's replicas do not sweep; the one CronJob does.
        assertThat(Manifests.ofType(objects, ConfigMap.class))
                .filteredOn(c -> c.getMetadata().getName().startsWith("loader-service-settings"))
                .singleElement().satisfies(c -> assertThat(c.getData())
                        .as(overlay + " loader settings").containsEntry("ESTORE_LOADER_SWEEP_CRON", "off"));
        assertThat(Manifests.ofType(objects, CronJob.class)).extracting(c -> c.getMetadata().getName())
                .as(overlay).containsExactly("loader-sweep");
    }

    private static String kustomize(Path overlay) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).redirectErrorStream(false).start();
        } catch (IOException notInstalled) {
            Assumptions.abort("no kubectl on PATH: the overlays' references are checked by everyReferenceResolves only");
            return "";
        }
        String output = new String(process.getInputStream().readAllBytes());
        String errors = new String(process.getErrorStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize " + overlay + ": " + errors).isZero();
        return output;
    }

    /** "Kind/name" of every document in a YAML file. */
    private static Set<String> kindsAndNames(Path file) throws IOException {
        Set<String> names = new HashSet<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                names.add(doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText());
            }
        }
        return names;
    }
}
