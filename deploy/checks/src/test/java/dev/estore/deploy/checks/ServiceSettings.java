package dev.estore.deploy.checks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The settings the services read on Google Cloud, and which service reads which. A manifest may set only these,
 * as environment variables named the way Quarkus maps them (upper case, '_' for every other character).
 */
public final class ServiceSettings {

    /** {@code services} empty: every service reads it. {@code secret}: must come from a Secret, never a value. */
    public record Setting(String property, Set<String> services, boolean secret) {

        public String envName() {
            return property.equals("PORT") ? "PORT" : property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }

        public boolean readBy(String service) {
            return services.isEmpty() || services.contains(service);
        }
    }

    private static final Set<String> ALL = Set.of();
    private static final Set<String> LOADER = Set.of("loader-service");
    private static final Set<String> SEMANTIC = Set.of("semantic-sync-service");

    public static final List<Setting> ALL_SETTINGS = List.of(
            new Setting("quarkus.profile", ALL, false),
            new Setting("PORT", ALL, false),
            new Setting("quarkus.google.cloud.project-id", ALL, false),
            new Setting("estore.bigquery.dataset-prefix", ALL, false),
            new Setting("estore.bigquery.location", ALL, false),
            new Setting("estore.pubsub.topic-prefix", ALL, false),
            new Setting("estore.pubsub.subscription-prefix", ALL, false),
            new Setting("estore.pubsub.receive-mode", ALL, false),
            new Setting("estore.pubsub.max-delivery-attempts", ALL, false),
            new Setting("estore.pubsub.push.oidc.enabled", ALL, false),
            new Setting("estore.pubsub.push.oidc.audience", ALL, false),
            new Setting("estore.pubsub.push.oidc.service-account-email", ALL, false),
            new Setting("estore.pubsub.push.oidc.signature-checked-by-cloud-run", ALL, false),
            new Setting("estore.bigquery.maximum-bytes-billed", ALL, false),
            new Setting("estore.bigquery.stale-session-after", ALL, false),
            new Setting("estore.health.warehouse-check-every", ALL, false),
            new Setting("estore.notify.slack.webhook-url", ALL, true),
            new Setting("estore.bucket.name", LOADER, false),
            new Setting("estore.loader.object-prefix", LOADER, false),
            new Setting("estore.loader.object-suffixes", LOADER, false),
            new Setting("estore.bucket.quarantine-prefix", LOADER, false),
            new Setting("estore.loader.sweep-cron", LOADER, false),
            new Setting("estore.loader.load-after-ack", LOADER, false),
            new Setting("estore.bigquery.max-bad-records", LOADER, false),
            new Setting("estore.transform.daily-cron", Set.of("transform-service"), false),
            new Setting("estore.transform.shutdown-wait", Set.of("transform-service"), false),
            new Setting("estore.snapshot.weekly-cron", Set.of("snapshot-service"), false),
            new Setting("estore.omni.base-url", SEMANTIC, false),
            new Setting("estore.omni.api-key", SEMANTIC, true),
            new Setting("estore.omni.model-id", SEMANTIC, false),
            new Setting("estore.omni.connection-id", SEMANTIC, false),
            new Setting("estore.omni.branch-id", SEMANTIC, false),
            new Setting("estore.omni.refresh-on-branch", SEMANTIC, false));

    /** Settings every service must be given on Google Cloud (the rest have defaults or are optional). */
    public static final List<String> REQUIRED_ENV = List.of("QUARKUS_PROFILE", "QUARKUS_GOOGLE_CLOUD_PROJECT_ID",
            "ESTORE_BIGQUERY_DATASET_PREFIX", "ESTORE_PUBSUB_TOPIC_PREFIX", "ESTORE_PUBSUB_SUBSCRIPTION_PREFIX",
            "ESTORE_PUBSUB_RECEIVE_MODE");

    private ServiceSettings() {
    }

    public static Optional<Setting> byEnvName(String envName) {
        return ALL_SETTINGS.stream().filter(s -> s.envName().equals(envName)).findFirst();
    }

    public static Optional<Setting> byProperty(String property) {
        return ALL_SETTINGS.stream().filter(s -> s.property().equals(property)).findFirst();
    }

    /** Why {@code service} may not be given {@code envName}, or empty when it may. */
    public static Optional<String> refusal(String service, String envName, boolean fromSecret) {
        Optional<Setting> setting = byEnvName(envName);
        if (setting.isEmpty()) {
            return Optional.of(envName + " is not a setting the services read; the settings are listed in "
                    + "deploy/README.md (Settings) and in " + ServiceSettings.class.getSimpleName());
        }
        if (!setting.get().readBy(service)) {
            return Optional.of(envName + " (" + setting.get().property() + ") is not read by " + service
                    + ", only by " + setting.get().services());
        }
        if (setting.get().secret() != fromSecret) {
            return Optional.of(envName + " must " + (fromSecret ? "not " : "") + "come from a secret");
        }
        return Optional.empty();
    }
}
