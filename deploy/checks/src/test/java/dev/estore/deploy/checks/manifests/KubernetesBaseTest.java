package dev.estore.deploy.checks.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.deploy.checks.DeployFolder;
import dev.estore.deploy.checks.ServiceSettings;
import dev.estore.deploy.checks.Services;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each service's base manifests: a valid ServiceAccount, Deployment and Service that fit together. */
class KubernetesBaseTest {

    private static final Path BASE = DeployFolder.kubernetes().resolve("base");
    private static final String SWEEP_FILE = "loader-sweep.yaml";

    static List<String> services() {
        return Services.NAMES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void manifestsAreValidKubernetesObjects(String service) throws IOException {
        List<HasMetadata> objects = read(service);
        assertThat(objects).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("ServiceAccount", "Deployment", "Service");
        for (HasMetadata object : objects) {
            assertThat(object.getMetadata().getName()).isEqualTo(service);
            assertThat(UnknownFields.in(object, service + ".yaml " + object.getKind())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void theDeploymentRunsTheServiceWithProbesAndItsIdentity(String service) throws IOException {
        List<HasMetadata> objects = read(service);
        Deployment deployment = Manifests.one(objects, Deployment.class, service, service + ".yaml");
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(service);
        ServiceAccount account = Manifests.one(objects, ServiceAccount.class, service, service + ".yaml");
        assertThat(account.getMetadata().getAnnotations()).containsKey("iam.gke.io/gcp-service-account");

        assertThat(pod.getContainers()).hasSize(1);
        Container container = pod.getContainers().get(0);
        assertThat(container.getImage()).as("a name the overlays' images: entries replace").isEqualTo(service);
        List<String> problems = new ArrayList<>(ContainerChecks.problems(service + ".yaml", service, container));
        ContainerChecks.checkProbe(service + ".yaml readinessProbe", container.getReadinessProbe(), Services.READINESS_PATH, problems);
        ContainerChecks.checkProbe(service + ".yaml startupProbe", container.getStartupProbe(), Services.STARTUP_PATH, problems);
        assertThat(problems).isEmpty();
        List<String> portNames = container.getPorts().stream().map(p -> p.getName()).toList();
        assertThat(List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe()))
                .allSatisfy(probe -> assertThat(portNames).contains(probe.getHttpGet().getPort().getStrVal()));
        for (EnvVar env : container.getEnv()) {
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("estore-secrets");
            assertThat(env.getValueFrom().getSecretKeyRef().getOptional()).as("a missing secret must not stop the pod").isTrue();
        }

        Service svc = Manifests.one(objects, Service.class, service, service + ".yaml");
        assertThat(podLabels).containsAllEntriesOf(svc.getSpec().getSelector());
        assertThat(svc.getSpec().getPorts()).allSatisfy(p -> assertThat(portNames).contains(p.getTargetPort().getStrVal()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void settingsComeFromTheGeneratedConfigMapsWithKnownNames(String service) throws IOException {
        Container container = Manifests.one(read(service), Deployment.class, service, service + ".yaml")
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        Kustomization base = Kustomization.in(BASE);
        List<String> refs = container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef)
                .map(r -> r.getName()).toList();
        assertThat(refs).containsExactly("estore-common", service + "-settings");
        assertThat(base.configMapGenerators()).containsKeys(refs.toArray(String[]::new));
        for (String ref : refs) {
            for (String envFile : base.configMapGenerators().get(ref).envs()) {
                base.envFile(envFile).keySet().forEach(key -> assertThat(ServiceSettings.refusal(service, key, false))
                        .as(envFile + " " + key).isEmpty());
            }
        }
    }

    @Test
    void everyPodPullsItsMessages() {
        Map<String, String> common = Kustomization.in(BASE).envFile("common.env");
        assertThat(common).containsKeys(ServiceSettings.REQUIRED_ENV.toArray(String[]::new))
                .containsEntry("ESTORE_PUBSUB_RECEIVE_MODE", "pull");
    }

    @Test
    void singleInstanceServicesRunAsOneReplicaReplacedNotOverlapped() throws IOException {
        for (String service : Services.SINGLE_INSTANCE) {
            Deployment deployment = Manifests.one(read(service), Deployment.class, service, service + ".yaml");
            assertThat(deployment.getSpec().getReplicas()).as(service).isEqualTo(1);
            assertThat(deployment.getSpec().getStrategy().getType()).as(service).isEqualTo("Recreate");
        }
    }

    @Test
    void theBaseListsEveryServiceFileAndTheSweep() {
        List<String> expected = new ArrayList<>(Services.NAMES.stream().map(s -> s + ".yaml").toList());
        expected.add(SWEEP_FILE);
        assertThat(Kustomization.in(BASE).resources()).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * Every loader replica would run the in-app sweep at the same minute, so the pods' cron is off and one
     * CronJob calls POST /loads/sweep on the loader's Service instead.
     */
    @Test
    void theLoaderIsSweptByOneCronJobNotByEveryReplica() throws IOException {
        assertThat(Kustomization.in(BASE).envFile("loader-service.env"))
                .as("the loader pods' own sweep is off").containsEntry("ESTORE_LOADER_SWEEP_CRON", "off");

        List<HasMetadata> objects = Manifests.read(SWEEP_FILE, Files.readString(BASE.resolve(SWEEP_FILE)));
        assertThat(objects).singleElement().isInstanceOf(CronJob.class);
        CronJob cronJob = (CronJob) objects.get(0);
        assertThat(UnknownFields.in(cronJob, SWEEP_FILE)).isEmpty();
        assertThat(cronJob.getSpec().getSchedule()).as("hourly").matches("\\d{1,2} \\* \\* \\* \\*");
        assertThat(cronJob.getSpec().getConcurrencyPolicy()).as("one sweep at a time").isEqualTo("Forbid");
        PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).as("numeric, so that runAsNonRoot can check it").isPositive();
        assertThat(pod.getContainers()).hasSize(1);
        Container curl = pod.getContainers().get(0);
        assertThat(curl.getImage()).as("a pinned image").matches("[\\w./-]+:[\\w.-]+").doesNotEndWith(":latest");
        List<String> call = new ArrayList<>(curl.getCommand());
        call.addAll(curl.getArgs());
        assertThat(call).contains("POST").contains("--fail-with-body");

        Service loader = Manifests.one(read("loader-service"), Service.class, "loader-service", "loader-service.yaml");
        String url = "http://" + loader.getMetadata().getName() + "/loads/sweep";
        assertThat(call).as("calls the loader's Service").contains(url);
        assertThat(loader.getSpec().getPorts()).as("the URL's port 80 is the loader Service's")
                .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(80));
        Long activeDeadline = cronJob.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds();
        int maxTime = call.indexOf("--max-time");
        assertThat(maxTime).as("curl gives up on its own").isNotNegative();
        assertThat(Long.parseLong(call.get(maxTime + 1))).as("curl's --max-time within the Job's deadline")
                .isLessThan(activeDeadline);
    }

    private static List<HasMetadata> read(String service) throws IOException {
        String name = service + ".yaml";
        return Manifests.read(name, Files.readString(BASE.resolve(name)));
    }
}
