package dev.estore.gcp.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.Config;

/**
 * The settings a service needs in Google Cloud mode, and which of them are missing. Always the project; the
 * OIDC audience and service account when push authentication is on; and what the app itself lists under
 * {@code estore.gcp.required-settings} (the loader: {@code estore.bucket.name}).
 */
public final class RequiredSettings {

    public static final String PROFILE = "gcp";
    public static final String PROJECT_ID = "quarkus.google.cloud.project-id";
    public static final String APP_REQUIRED = "estore.gcp.required-settings";
    static final String OIDC_ENABLED = "estore.pubsub.push.oidc.enabled";
    static final String OIDC_AUDIENCE = "estore.pubsub.push.oidc.audience";
    static final String OIDC_ACCOUNT = "estore.pubsub.push.oidc.service-account-email";
    static final String RECEIVE_MODE = "estore.pubsub.receive-mode";

    private RequiredSettings() {
    }

    public static Set<String> required(Config config) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(PROJECT_ID);
        if (config.getOptionalValue(OIDC_ENABLED, Boolean.class).orElse(false)) {
            keys.add(OIDC_AUDIENCE);
            keys.add(OIDC_ACCOUNT);
        }
        config.getOptionalValues(APP_REQUIRED, String.class).ifPresent(keys::addAll);
        return keys;
    }

    /** Every problem with the configuration, each naming its key and environment variable; empty when fine. */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        if (!config.unwrap(SmallRyeConfig.class).getProfiles().contains(PROFILE)) {
            // The apps' own Google Cloud settings live under %gcp so that they stay inert in the embedded runner.
            problems.add("the '" + PROFILE + "' configuration profile is not active (set QUARKUS_PROFILE=" + PROFILE
                    + ")");
        }
        for (String key : required(config)) {
            if (config.getOptionalValue(key, String.class).filter(value -> !value.isBlank()).isEmpty()) {
                problems.add(key + " (environment variable " + envName(key) + ") is not set");
            }
        }
        String mode = config.getOptionalValue(RECEIVE_MODE, String.class).orElse("push");
        if (!mode.equalsIgnoreCase("push") && !mode.equalsIgnoreCase("pull")) {
            problems.add(RECEIVE_MODE + " is '" + mode + "'; use push (Cloud Run) or pull (Kubernetes)");
        }
        return problems;
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
