package dev.estore.deploy.checks;

import java.util.List;
import java.util.Map;

/** The four services every deployment definition must cover, with the short name of their Google identity. */
public final class Services {

    public static final List<String> NAMES =
            List.of("loader-service", "transform-service", "snapshot-service", "semantic-sync-service");

    /** Service => service account id after the environment prefix (ids are limited to 30 characters). */
    public static final Map<String, String> ACCOUNT_IDS = Map.of(
            "loader-service", "loader",
            "transform-service", "transform",
            "snapshot-service", "snapshot",
            "semantic-sync-service", "semantic");

    /**
     * Services that must run as one instance: transform (two builds would write the same tables at once), snapshot
     * (runs stay in order), semantic-sync (its resolved catalog lives in memory and models-built refreshes only
     * the instance it reaches).
     */
    public static final List<String> SINGLE_INSTANCE =
            List.of("transform-service", "snapshot-service", "semantic-sync-service");

    /** Quarkus SmallRye Health paths, which every probe must use. */
    public static final String LIVENESS_PATH = "/q/health/live";
    public static final String READINESS_PATH = "/q/health/ready";

    private Services() {
    }
}
