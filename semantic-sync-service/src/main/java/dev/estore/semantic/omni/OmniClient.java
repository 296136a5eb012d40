package dev.estore.semantic.omni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The two Omni REST calls the sync makes, each retried with exponential backoff on network errors, 429 and 5xx
 * (other 4xx answers are final: retrying a bad key or model id cannot help).
 */
public class OmniClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String apiKey;
    private final String modelId;
    private final String connectionId;
    private final String refreshPath;
    private final String yamlPath;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration timeout;
    private final HttpClient http;

    public OmniClient(String baseUrl, String apiKey, String modelId, String connectionId, String refreshPath,
            String yamlPath, int maxAttempts, Duration initialBackoff, Duration timeout) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.modelId = modelId;
        this.connectionId = connectionId == null ? "" : connectionId;
        this.refreshPath = refreshPath;
        this.yamlPath = yamlPath;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoff = initialBackoff;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Asks Omni to refresh the model's schema from the warehouse (new tables, columns, descriptions). */
    public void refreshSchema() {
        post(refreshPath, "{}");
    }

    /** Creates or replaces one YAML file of the model (a .view or .topic file) in extension mode. */
    public void writeYaml(String fileName, String yaml, String commitMessage) {
        try {
            post(yamlPath, JSON.writeValueAsString(Map.of("fileName", fileName, "yaml", yaml, "mode", "extension",
                    "commitMessage", commitMessage)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void post(String pathTemplate, String body) {
        URI uri = URI.create(baseUrl + pathTemplate.replace("{modelId}", modelId)
                .replace("{connectionId}", connectionId));
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                send(uri, body);
                return;
            } catch (OmniException e) {
                if (!e.retryable() || attempt >= maxAttempts) {
                    throw new OmniException(e.getMessage() + " (after " + attempt + " attempt(s))", false, e);
                }
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OmniException("POST " + uri + " interrupted", false, e);
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    private void send(URI uri, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OmniException("POST " + uri + " failed: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OmniException("POST " + uri + " interrupted", false, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String hint = status == 401 || status == 403 ? " (check estore.omni.api-key and its permissions: "
                    + "Modeler or Connection Admin)" : status == 404 ? " (check estore.omni.model-id and the paths)"
                    : "";
            throw new OmniException("POST " + uri + " answered HTTP " + status + hint + ": "
                    + abbreviate(response.body()), status == 429 || status >= 500, null);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
