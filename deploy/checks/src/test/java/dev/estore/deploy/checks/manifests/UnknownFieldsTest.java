package dev.estore.deploy.checks.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema checks catch what the model reads leniently, so a passing manifest check means something. */
class UnknownFieldsTest {

    @Test
    void reportsMisspeltFieldsAndWrongTypesWithTheirPath() {
        List<HasMetadata> objects = Manifests.read("bad.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: x}
                  template:
                    metadata:
                      labels: {app: x}
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinesProbe:
                            httpGet: {path: /q/health/ready, port: 8080}
                """);

        assertThat(UnknownFields.in(objects.get(0), "bad.yaml")).singleElement().asString()
                .contains("bad.yaml.spec.template.spec.containers[0]").contains("readinesProbe");
    }

    @Test
    void acceptsAWellFormedObject() {
        List<HasMetadata> objects = Manifests.read("good.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: x
                spec:
                  selector: {app: x}
                  ports:
                    - {name: http, port: 80, targetPort: http}
                """);

        assertThat(UnknownFields.in(objects.get(0), "good.yaml")).isEmpty();
    }

    @Test
    void refusesAKindTheModelDoesNotKnow() {
        assertThatThrownBy(() -> Manifests.read("typo.yaml", """
                apiVersion: apps/v1
                kind: Deploymnet
                metadata:
                  name: x
                """)).hasMessageContaining("typo.yaml").hasMessageContaining("Deploymnet");
    }
}
