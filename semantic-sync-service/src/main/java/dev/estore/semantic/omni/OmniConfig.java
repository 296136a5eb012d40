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
