package dev.estore.deploy.checks.manifests;

import dev.estore.deploy.checks.ServiceSettings;
import dev.estore.deploy.checks.Services;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;

/** What every service container must have, on Cloud Run and on Kubernetes alike. */
public final class ContainerChecks {

    private ContainerChecks() {
    }

    /** Problems of one service's container; empty when it is fine. */
    public static List<String> problems(String source, String service, Container container) {
        List<String> problems = new ArrayList<>();
        String where = source + " container " + container.getName();
        if (container.getImage() == null || !container.getImage().contains(service)) {
            problems.add(where + ": image " + container.getImage() + " is not the " + service + " image");
        }
        if (container.getResources() == null || container.getResources().getLimits() == null
                || !container.getResources().getLimits().containsKey("memory")
                || !container.getResources().getLimits().containsKey("cpu")) {
            problems.add(where + ": needs resources.limits cpu and memory");
        }
        checkProbe(where + " livenessProbe", container.getLivenessProbe(), Services.LIVENESS_PATH, problems);
        for (EnvVar env : container.getEnv()) {
            boolean fromSecret = env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null;
            if (env.getValueFrom() != null && !fromSecret) {
                problems.add(where + ": " + env.getName() + " must be a value or a secretKeyRef");
            }
            ServiceSettings.refusal(service, env.getName(), fromSecret).ifPresent(why -> problems.add(where + ": " + why));
        }
        return problems;
    }

    public static void checkProbe(String where, Probe probe, String path, List<String> problems) {
        if (probe == null || probe.getHttpGet() == null) {
            problems.add(where + ": missing, or not an httpGet probe on " + path);
        } else if (!path.equals(probe.getHttpGet().getPath())) {
            problems.add(where + ": path " + probe.getHttpGet().getPath() + ", the Quarkus health endpoint is " + path);
        }
        if (probe != null && (probe.getTimeoutSeconds() == null
                || probe.getTimeoutSeconds() < Services.MIN_PROBE_TIMEOUT_SECONDS)) {
            problems.add(where + ": timeoutSeconds " + (probe.getTimeoutSeconds() == null ? "unset (1 s)"
                    : probe.getTimeoutSeconds()) + ", at least " + Services.MIN_PROBE_TIMEOUT_SECONDS
                    + " s so that a slow first answer does not restart the container");
        }
    }
}
