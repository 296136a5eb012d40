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
    void scheduledServicesRunAsOneReplicaReplacedNotOverlapped() throws IOException {
        for (String service : List.of("transform-service", "snapshot-service")) {
            Deployment deployment = Manifests.one(read(service), Deployment.class, service, service + ".yaml");
            assertThat(deployment.getSpec().getReplicas()).as(service).isEqualTo(1);
            assertThat(deployment.getSpec().getStrategy().getType()).as(service).isEqualTo("Recreate");
        }
    }

    @Test
    void theBaseListsEveryServiceFile() {
        assertThat(Kustomization.in(BASE).resources())
                .containsExactlyInAnyOrderElementsOf(Services.NAMES.stream().map(s -> s + ".yaml").toList());
    }

    private static List<HasMetadata> read(String service) throws IOException {
        String name = service + ".yaml";
        return Manifests.read(name, Files.readString(BASE.resolve(name)));
    }
}
