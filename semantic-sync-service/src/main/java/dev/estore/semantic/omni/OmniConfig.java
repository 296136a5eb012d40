package dev.estore.semantic.omni;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the Omni Analytics instance is. Without a base URL, an API key and a model id the BI sync is off. The
 * paths follow Omni's REST API (POST /api/v1/models/{modelId}/refresh, POST /api/v1/models/{modelId}/yaml);
 * they are configurable in case an instance differs. {connectionId} and {modelId} are replaced in them.
 */
@ConfigMapping(prefix = "estore.omni")
public interface OmniConfig {

    /** e.g. https://myorg.omniapp.co */
    Optional<String> baseUrl();

    /** An organization API key or personal access token, sent as a Bearer token. */
    Optional<String> apiKey();

    /** The shared model to refresh and to document. */
    Optional<String> modelId();

    /** The connection the model reads (for paths that name it). */
    Optional<String> connectionId();

    @WithDefault("/api/v1/models/{modelId}/refresh")
    String refreshPath();

    @WithDefault("/api/v1/models/{modelId}/yaml")
    String yamlPath();

    /**
     * The model branch the YAML files are written to: required by Omni where the model requires pull requests
     * (the sync then commits to that branch, and a person merges it). Without it the files go to the shared model.
     */
    Optional<String> branchId();

    /** Also refresh the schema on that branch (Omni's "branch-based schema refresh"; Omni refuses it otherwise). */
    @WithDefault("false")
    boolean refreshOnBranch();

    /** Where Omni reports a schema refresh job's status; the refresh is asynchronous. */
    @WithDefault("/api/v1/jobs/{jobId}/status")
    String jobStatusPath();

    /** How often the refresh job is polled (Omni asks for 2 to 5 seconds). */
    @WithDefault("3s")
    Duration refreshPollEvery();

    /** How long the sync waits for a refresh job before failing the sync (it is retried with the next build). */
    @WithDefault("10m")
    Duration refreshWaitAtMost();

    /** Push the views' descriptions and custom fields as YAML files besides refreshing the schema. */
    @WithDefault("true")
    boolean pushDescriptions();

    @WithDefault("4")
    int maxAttempts();

    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("15s")
    Duration timeout();
}
