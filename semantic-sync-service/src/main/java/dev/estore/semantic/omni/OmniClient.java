package dev.estore.semantic.omni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two Omni REST calls the sync makes, on the Quarkus REST client, each retried by SmallRye Fault Tolerance with
 * exponential backoff on network errors, 429 and 5xx (other 4xx answers are final: retrying a bad key or model id
 * cannot help). The client API rather than a typed interface: Omni's paths are settings, not annotations.
 */
public class OmniClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String apiKey;
    private final String modelId;
    private final String connectionId;
    private final String refreshPath;
    private final String yamlPath;
    private final Branching branching;
    private final Client http;
    /** Network errors, 429 and 5xx again, up to estore.omni.max-attempts, the pause doubling each time. */
    private final Guard retried;
    /** A running refresh job asked again every poll-every until it ends or refresh-wait-at-most passed. */
    private final Guard polled;

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
        this.branching = branching;
        this.http = ClientBuilder.newBuilder().connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
        this.retried = Guard.create().withDescription("omni-call").withRetry()
                .maxRetries(Math.max(1, maxAttempts) - 1)
                .delay(initialBackoff.toMillis(), ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .maxDuration(0, ChronoUnit.MILLIS) // bounded by the attempts, not by a clock
                .withExponentialBackoff().factor(2).done()
                .whenException(failure -> failure instanceof OmniException omni && omni.retryable())
                .done().build();
        if (branching.waitAtMost().compareTo(branching.pollEvery()) <= 0) {
            throw new IllegalArgumentException("estore.omni.refresh-wait-at-most (" + branching.waitAtMost()
                    + ") must be longer than estore.omni.refresh-poll-every (" + branching.pollEvery() + ")");
        }
        this.polled = Guard.create().withDescription("omni-refresh-job").withRetry()
                .maxRetries(-1).delay(branching.pollEvery().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS).maxDuration(branching.waitAtMost().toMillis(), ChronoUnit.MILLIS)
                .retryOn(JobRunning.class).done().build();
    }

    /** The refresh job has not ended yet: asked again by {@link #polled}. */
    private static final class JobRunning extends RuntimeException {
        final String status;

        JobRunning(String status) {
            super(status, null, false, false);
            this.status = status;
        }
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
        JsonNode started = json(call("POST", path, "{}"));
        String jobId = started.path("jobId").asText("");
        if (jobId.isEmpty()) {
            return;
        }
        try {
            polled.get(() -> jobEnded(jobId), Boolean.class);
        } catch (JobRunning running) {
            throw new OmniException("Omni's schema refresh job " + jobId + " still " + running.status + " after "
                    + branching.waitAtMost() + " (estore.omni.refresh-wait-at-most)", true, null);
        }
    }

    /** True once the job completed; fails when it failed, and is {@link JobRunning} while it runs. */
    private boolean jobEnded(String jobId) {
        JsonNode job = json(call("GET", branching.jobStatusPath().replace("{jobId}", jobId), null));
        String status = job.path("status").asText("");
        if (status.equalsIgnoreCase("COMPLETED")) {
            return true;
        }
        if (status.equalsIgnoreCase("FAILED")) {
            throw new OmniException("Omni's schema refresh job " + jobId + " of model " + modelId + " failed: "
                    + abbreviate(job.toString()) + " (see the model's schema refresh in Omni)", false, null);
        }
        throw new JobRunning(status);
    }

    /** Creates or replaces one YAML file of the model (a .view or .topic file) in extension mode. */
    public void writeYaml(String fileName, String yaml, String commitMessage) {
        Map<String, String> body = new java.util.LinkedHashMap<>(Map.of("fileName", fileName, "yaml", yaml,
                "mode", "extension", "commitMessage", commitMessage));
        if (branching.branchId() != null) {
            body.put("branchId", branching.branchId());
        }
        try {
            call("POST", yamlPath, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String call(String method, String pathTemplate, String body) {
        URI uri = URI.create(baseUrl + pathTemplate.replace("{modelId}", modelId)
                .replace("{connectionId}", connectionId));
        AtomicInteger attempts = new AtomicInteger();
        try {
            return retried.get(() -> {
                attempts.incrementAndGet();
                return send(method, uri, body);
            }, String.class);
        } catch (OmniException e) {
            throw new OmniException(e.getMessage() + " (after " + attempts.get() + " attempt(s))", false, e);
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
        int status;
        String answer;
        try (Response response = http.target(uri).request(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + apiKey)
                .method(method, body == null ? null : Entity.json(body))) {
            status = response.getStatus();
            answer = response.readEntity(String.class);
        } catch (ProcessingException e) {
            throw new OmniException(method + " " + uri + " failed: " + e.getMessage(), true, e);
        }
        if (status / 100 != 2) {
            String hint = status == 401 || status == 403 ? " (check estore.omni.api-key and its permissions: "
                    + "Modeler or Connection Admin)" : status == 404 ? " (check estore.omni.model-id and the paths)"
                    : status == 400 && uri.getQuery() != null && uri.getQuery().contains("branch_id=")
                    ? " (estore.omni.refresh-on-branch is set: does the model have branch-based schema refresh?)"
                    : "";
            throw new OmniException(method + " " + uri + " answered HTTP " + status + hint + ": "
                    + abbreviate(answer), status == 429 || status >= 500, null);
        }
        return answer;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
