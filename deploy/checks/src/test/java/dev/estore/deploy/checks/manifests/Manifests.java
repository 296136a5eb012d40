package dev.estore.deploy.checks.manifests;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads YAML manifests into the fabric8 model classes (Kubernetes core, apps, policy, and Knative serving through
 * knative-model), which stand for the API schema: a kind the model does not know fails, a value of the wrong type
 * or a field the schema lacks is reported by {@link UnknownFields}.
 */
public final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** Every object in a YAML text of one or more documents; fails naming the source when one cannot be read. */
    public static List<HasMetadata> read(String source, String yaml) {
        Object parsed;
        try {
            parsed = SERIALIZATION.unmarshal(yaml);
        } catch (RuntimeException e) {
            throw new IllegalStateException(source + " is not a Kubernetes manifest the API model accepts: " + e.getMessage(), e);
        }
        List<HasMetadata> objects = new ArrayList<>();
        collect(source, parsed, objects);
        for (HasMetadata object : objects) {
            if (object instanceof GenericKubernetesResource generic) {
                throw new IllegalStateException(source + ": " + generic.getApiVersion() + " " + generic.getKind()
                        + " is not a kind the Kubernetes or Knative API model knows (a typo in apiVersion or kind?)");
            }
        }
        return objects;
    }

    public static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name, String source) {
        return ofType(objects, type).stream()
                .filter(o -> name.equals(o.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(source + " has no " + type.getSimpleName() + " named " + name));
    }

    private static void collect(String source, Object parsed, List<HasMetadata> into) {
        if (parsed instanceof KubernetesList list) {
            into.addAll(list.getItems());
        } else if (parsed instanceof List<?> list) {
            list.forEach(item -> collect(source, item, into));
        } else if (parsed instanceof HasMetadata object) {
            into.add(object);
        } else if (parsed != null) {
            throw new IllegalStateException(source + " holds a " + parsed.getClass().getSimpleName() + ", not Kubernetes objects");
        }
    }
}
