package dev.estore.deploy.checks.manifests;

import static dev.estore.deploy.checks.terraform.TerraformValues.object;
import static dev.estore.deploy.checks.terraform.TerraformValues.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.deploy.checks.DeployFolder;
import dev.estore.deploy.checks.ServiceSettings;
import dev.estore.deploy.checks.Services;
import dev.estore.deploy.checks.terraform.Hcl.Expr;
import dev.estore.deploy.checks.terraform.Hcl.Literal;
import dev.estore.deploy.checks.terraform.Hcl.ObjectExpr;
import dev.estore.deploy.checks.terraform.TerraformConfig;
import io.fabric8.knative.serving.v1.RevisionSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each deploy/cloudrun manifest is a valid Knative serving v1 Service for gcloud run services replace, and
 * deploys the service the way deploy/terraform does.
 */
class CloudRunManifestsTest {

    private static final List<String> SERVICES = Services.NAMES;

    static List<String> services() {
        return SERVICES;
    }
    /** Service => its in-app cron, which must be off on Cloud Run (an instance at scale zero misses its tick). */
    private static final Map<String, String> IN_APP_SCHEDULES = Map.of(
            "loader-service", "ESTORE_LOADER_SWEEP_CRON",
            "transform-service", "ESTORE_TRANSFORM_DAILY_CRON",
            "snapshot-service", "ESTORE_SNAPSHOT_WEEKLY_CRON");
    private static final Pattern TERRAFORM_ENV = Pattern.compile("\\b((?:ESTORE|QUARKUS)_[A-Z_]+)\\s*=(?!=)");

    private static Map<String, Expr> terraformServices;
    private static Map<String, String> terraformLiteralEnv;
    private static Set<String> terraformEnvNames;

    @BeforeAll
    static void readTerraform() throws IOException {
        TerraformConfig config = TerraformConfig.read(DeployFolder.terraform());
        terraformServices = object(config.locals().get("services"), "local.services");
        terraformLiteralEnv = new LinkedHashMap<>();
        collectLiteralEnv(config.locals().get("common_env"), terraformLiteralEnv);
        collectLiteralEnv(config.locals().get("service_env"), terraformLiteralEnv);
        terraformEnvNames = new HashSet<>();
        Matcher m = TERRAFORM_ENV.matcher(Files.readString(DeployFolder.terraform().resolve("cloudrun.tf")));
        while (m.find()) {
            terraformEnvNames.add(m.group(1));
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void isAValidKnativeServiceWithDocumentedPlaceholders(String service) throws IOException {
        Service manifest = read(service);
        assertThat(UnknownFields.in(manifest, service + ".yaml")).isEmpty();
        assertThat(manifest.getMetadata().getName()).isEqualTo("estore-dev-" + service);
        RevisionSpec spec = manifest.getSpec().getTemplate().getSpec();
        assertThat(spec.getServiceAccountName())
                .isEqualTo("estore-dev-" + Services.ACCOUNT_IDS.get(service) + "@my-estore-dev.iam.gserviceaccount.com");
        assertThat(spec.getTimeoutSeconds()).as("long enough for a load or a build").isEqualTo(3600L);
        assertThat(spec.getContainers()).hasSize(1);
        Container container = spec.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("europe-west1-docker.pkg.dev/my-estore-dev/estore-dev/" + service + ":0.1.0");
        assertThat(container.getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080))
                .satisfies(p -> assertThat(p.getName()).isEqualTo("http1"));
        List<String> problems = new ArrayList<>(ContainerChecks.problems(service + ".yaml", service, container));
        ContainerChecks.checkProbe(service + ".yaml startupProbe", container.getStartupProbe(), Services.STARTUP_PATH, problems);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("services")
    void sizesAndScalingMatchTheTerraform(String service) throws IOException {
        Service manifest = read(service);
        Map<String, Expr> tf = object(terraformServices.get(service), "local.services." + service);
        RevisionSpec spec = manifest.getSpec().getTemplate().getSpec();
        Map<String, String> annotations = manifest.getSpec().getTemplate().getMetadata().getAnnotations();
        Container container = spec.getContainers().get(0);
        assertThat(container.getResources().getLimits().get("cpu").toString()).isEqualTo(text(tf.get("cpu"), "cpu"));
        assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo(text(tf.get("memory"), "memory"));
        assertThat(String.valueOf(spec.getContainerConcurrency())).isEqualTo(text(tf.get("concurrency"), "concurrency"));
        assertThat(annotations.get("autoscaling.knative.dev/minScale")).isEqualTo(text(tf.get("min_instances"), "min"));
        assertThat(annotations.get("autoscaling.knative.dev/maxScale")).isEqualTo(text(tf.get("max_instances"), "max"));
        if (Services.SINGLE_INSTANCE.contains(service)) {
            assertThat(annotations.get("autoscaling.knative.dev/maxScale")).as(service + " runs one instance").isEqualTo("1");
        }
        assertThat(annotations.get("run.googleapis.com/cpu-throttling")).as("cpu-throttling is Terraform's cpu_idle")
                .isEqualTo(text(tf.get("cpu_idle"), "cpu_idle"));
        assertThat(manifest.getMetadata().getAnnotations().get("run.googleapis.com/custom-audiences"))
                .isEqualTo("[\"estore-dev-" + service + "\"]");
    }

    @ParameterizedTest
    @MethodSource("services")
    void settingsAreTheOnesTerraformGives(String service) throws IOException {
        Container container = read(service).getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container.getEnv().forEach(e -> env.put(e.getName(), e));
        assertThat(env.keySet()).containsAll(ServiceSettings.REQUIRED_ENV).allMatch(terraformEnvNames::contains);
        assertThat(env.get("ESTORE_PUBSUB_RECEIVE_MODE").getValue()).isEqualTo("push");
        assertThat(env.get("ESTORE_PUBSUB_PUSH_OIDC_ENABLED")).as(service + ": Cloud Run authenticates the push and "
                        + "strips the token's signature, so the in-app check must be off, explicitly")
                .isNotNull().extracting(EnvVar::getValue).isEqualTo("false");
        assertThat(env).as(service + ": the in-app OIDC check is off on Cloud Run, so it takes no audience or account")
                .doesNotContainKeys("ESTORE_PUBSUB_PUSH_OIDC_AUDIENCE", "ESTORE_PUBSUB_PUSH_OIDC_SERVICE_ACCOUNT_EMAIL");
        String inAppSchedule = IN_APP_SCHEDULES.get(service);
        if (inAppSchedule != null) {
            assertThat(env.get(inAppSchedule)).as(service + " " + inAppSchedule + ": Cloud Scheduler calls it instead")
                    .isNotNull().extracting(EnvVar::getValue).isEqualTo("off");
        }
        env.forEach((name, var) -> {
            if (terraformLiteralEnv.containsKey(name) && var.getValue() != null) {
                assertThat(var.getValue()).as(name + " as Terraform sets it").isEqualTo(terraformLiteralEnv.get(name));
            }
        });
    }

    @org.junit.jupiter.api.Test
    void everySettingTerraformGivesIsInSomeManifest() throws IOException {
        Set<String> inManifests = new HashSet<>();
        for (String service : SERVICES) {
            read(service).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                    .forEach(e -> inManifests.add(e.getName()));
        }
        assertThat(terraformEnvNames).isNotEmpty().allMatch(inManifests::contains);
    }

    private static Service read(String service) throws IOException {
        String name = service + ".yaml";
        String yaml = Files.readString(DeployFolder.cloudRun().resolve(name));
        List<HasMetadata> objects = Manifests.read(name, CloudRunPlaceholders.fill(yaml));
        assertThat(objects).as(name).singleElement().isInstanceOf(Service.class);
        return (Service) objects.get(0);
    }

    private static void collectLiteralEnv(Expr expr, Map<String, String> into) {
        if (expr instanceof ObjectExpr object) {
            object.entries().forEach((key, value) -> {
                if (value instanceof Literal literal && key.matches("(ESTORE|QUARKUS)_[A-Z_]+")) {
                    into.put(key, String.valueOf(literal.value()));
                } else {
                    collectLiteralEnv(value, into);
                }
            });
        }
    }
}
