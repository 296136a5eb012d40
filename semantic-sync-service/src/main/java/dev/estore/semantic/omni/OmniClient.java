package dev.estore.semantic.omni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
    private final Branching branching;
    private final HttpClient http;

    /**
     * How a schema refresh is followed and where files go. {@code jobStatusPath}: Omni's job status endpoint,
     * polled every {@code pollEvery} (Omni asks for 2-5 s) until the refresh job ends or {@code waitAtMost} passed;
     * {@code branchId}: the model branch the YAML files are written to (required by Omni where the model requires
     * pull requests), also passed to the refresh when {@code refreshOnBranch} (Omni's branch-based schema refresh;
     * Omni refuses it otherwise).
     */
    public record Branching(String jobStatusPath, Duration pollEvery, Duration waitAtMost, String branchId,
            boolean refreshOnBranch) {

        public static final Branching DEFAULTS = new Branching("/api/v1/jobs/{jobId}/status", Duration.ofSeconds(3),
                Duration.ofMinutes(10), null, false);
    }

    public OmniClient(String baseUrl, String apiKey, String modelId, String connectionId, String refreshPath,
            String yamlPath, int maxAttempts, Duration initialBackoff, Duration timeout) {
        this(baseUrl, apiKey, modelId, connectionId, refreshPath, yamlPath, maxAttempts, initialBackoff, timeout,
                Branching.DEFAULTS);
    }

    public OmniClient(String baseUrl, String apiKey, String modelId, String connectionId, String refreshPath,
            String yamlPath, int maxAttempts, Duration initialBackoff, Duration timeout, Branching branching) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.modelId = modelId;
        this.connectionId = connectionId == null ? "" : connectionId;
        this.refreshPath = refreshPath;
        this.yamlPath = yamlPath;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoff = initialBackoff;
        this.timeout = timeout;
        this.branching = branching;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Asks Omni to refresh the model's schema from the warehouse (new tables, columns, descriptions) and waits for
     * the refresh job to finish: Omni answers at once with a job id, and files written before the refresh ends
     * would name fields Omni does not know yet. An answer without a job id (older instances) is not waited for.
     */
    public void refreshSchema() {
        String path = refreshPath + (branching.refreshOnBranch() && branching.branchId() != null
                ? "?branch_id=" + java.net.URLEncoder.encode(branching.branchId(), java.nio.charset.StandardCharsets.UTF_8)
                : "");
        JsonNode started = json(post(path, "{}"));
        String jobId = started.path("jobId").asText("");
        if (jobId.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + branching.waitAtMost().toNanos();
        while (true) {
            JsonNode job = json(call("GET", branching.jobStatusPath().replace("{jobId}", jobId), null));
            String status = job.path("status").asText("");
            if (status.equalsIgnoreCase("COMPLETED")) {
                return;
            }
            if (status.equalsIgnoreCase("FAILED")) {
                throw new OmniException("Omni's schema refresh job " + jobId + " of model " + modelId + " failed: "
                        + abbreviate(job.toString()) + " (see the model's schema refresh in Omni)", false, null);
            }
            if (System.nanoTime() > deadline) {
                throw new OmniException("Omni's schema refresh job " + jobId + " still " + status + " after "
                        + branching.waitAtMost() + " (estore.omni.refresh-wait-at-most)", true, null);
            }
            pause(branching.pollEvery(), "polling job " + jobId);
        }
    }

    /** Creates or replaces one YAML file of the model (a .view or .topic file) in extension mode. */
    public void writeYaml(String fileName, String yaml, String commitMessage) {
        Map<String, String> body = new java.util.LinkedHashMap<>(Map.of("fileName", fileName, "yaml", yaml,
                "mode", "extension", "commitMessage", commitMessage));
        if (branching.branchId() != null) {
            body.put("branchId", branching.branchId());
        }
        try {
            post(yamlPath, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String post(String pathTemplate, String body) {
        return call("POST", pathTemplate, body);
    }

    private String call(String method, String pathTemplate, String body) {
        URI uri = URI.create(baseUrl + pathTemplate.replace("{modelId}", modelId)
                .replace("{connectionId}", connectionId));
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return send(method, uri, body);
            } catch (OmniException e) {
                if (!e.retryable() || attempt >= maxAttempts) {
                    throw new OmniException(e.getMessage() + " (after " + attempt + " attempt(s))", false, e);
                }
            }
            pause(backoff, method + " " + uri);
            backoff = backoff.multipliedBy(2);
        }
    }

    private static void pause(Duration duration, String during) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OmniException(during + " interrupted", false, e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private String send(String method, URI uri, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OmniException(method + " " + uri + " failed: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OmniException(method + " " + uri + " interrupted", false, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String hint = status == 401 || status == 403 ? " (check estore.omni.api-key and its permissions: "
                    + "Modeler or Connection Admin)" : status == 404 ? " (check estore.omni.model-id and the paths)"
                    : status == 400 && uri.getQuery() != null && uri.getQuery().contains("branch_id=")
                    ? " (estore.omni.refresh-on-branch is set: does the model have branch-based schema refresh?)"
                    : "";
            throw new OmniException(method + " " + uri + " answered HTTP " + status + hint + ": "
                    + abbreviate(response.body()), status == 429 || status >= 500, null);
        }
        return response.body();
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
