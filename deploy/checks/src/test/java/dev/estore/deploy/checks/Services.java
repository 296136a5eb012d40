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

    /**
     * Quarkus SmallRye Health paths, which every probe must use. Only readiness asks the warehouse (at most once a
     * minute): a startup probe on it would keep a revision from starting until its warehouse grants propagated.
     */
    public static final String LIVENESS_PATH = "/q/health/live";
    public static final String READINESS_PATH = "/q/health/ready";
    public static final String STARTUP_PATH = "/q/health/started";

    /** Every probe waits at least this long for an answer (Kubernetes' and Cloud Run's default is 1 s). */
    public static final int MIN_PROBE_TIMEOUT_SECONDS = 3;

    private Services() {
    }
}
