package dev.estore.semantic.omni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Omni client against a local stand-in that records requests and answers with scripted statuses. */
class OmniClientTest {

    record Seen(String method, String path, String authorization, String contentType, String body, String query) {
    }

    HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final Deque<Integer> statuses = new ArrayDeque<>();
    /** Bodies to answer with, in order ({} once they run out). */
    final Deque<String> bodies = new ArrayDeque<>();

    @BeforeEach
    void standIn() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestURI().getQuery()));
            Integer status = statuses.poll();
            String answer = bodies.poll();
            byte[] body = (answer == null ? "{}" : answer).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    OmniClient client() {
        return new OmniClient("http://127.0.0.1:" + server.getAddress().getPort() + "/", "secret-key", "model-1",
                "conn-1", "/api/v1/models/{modelId}/refresh", "/api/v1/models/{modelId}/yaml", 3,
                Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    @Test
    void refreshesTheModelSchemaWithTheBearerKey() {
        client().refreshSchema();
        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v1/models/model-1/refresh");
            assertThat(request.authorization()).isEqualTo("Bearer secret-key");
            assertThat(request.contentType()).isEqualTo("application/json");
        });
    }

    @Test
    void writesAYamlFileInExtensionMode() throws Exception {
        client().writeYaml("marts__fct_sessions.view", "dimensions: {}\n", "sync 1");
        JsonNode body = new ObjectMapper().readTree(seen.get(0).body());
        assertThat(seen.get(0).path()).isEqualTo("/api/v1/models/model-1/yaml");
        assertThat(body.get("fileName").asText()).isEqualTo("marts__fct_sessions.view");
        assertThat(body.get("yaml").asText()).isEqualTo("dimensions: {}\n");
        assertThat(body.get("mode").asText()).isEqualTo("extension");
    }

    @Test
    void retriesServerErrorsWithBackoffAndGivesUpAfterTheLastAttempt() {
        statuses.addAll(List.of(503, 502));
        client().refreshSchema();
        assertThat(seen).hasSize(3);

        seen.clear();
        statuses.addAll(List.of(500, 500, 500));
        assertThatThrownBy(() -> client().refreshSchema()).isInstanceOf(OmniException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("3 attempt(s)");
        assertThat(seen).hasSize(3);
    }

    OmniClient onBranch(String branchId, boolean refreshOnBranch) {
        return new OmniClient("http://127.0.0.1:" + server.getAddress().getPort(), "secret-key", "model-1", null,
                "/api/v1/models/{modelId}/refresh", "/api/v1/models/{modelId}/yaml", 3, Duration.ofMillis(10),
                Duration.ofSeconds(5), new OmniClient.Branching("/api/v1/jobs/{jobId}/status", Duration.ofMillis(20),
                        Duration.ofMillis(500), branchId, refreshOnBranch));
    }

    @Test
    void theRefreshJobIsPolledUntilItCompletes() {
        bodies.addAll(List.of("{\"jobId\": \"job-7\", \"modelId\": \"model-1\", \"status\": \"running\"}",
                "{\"job_id\": \"job-7\", \"status\": \"RUNNING\"}", "{\"job_id\": \"job-7\", \"status\": \"COMPLETED\"}"));

        onBranch(null, false).refreshSchema();

        assertThat(seen).extracting(Seen::method, Seen::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/api/v1/models/model-1/refresh"),
                org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/jobs/job-7/status"),
                org.assertj.core.groups.Tuple.tuple("GET", "/api/v1/jobs/job-7/status"));
        assertThat(seen.get(0).query()).as("no branch unless asked").isNull();
    }

    @Test
    void aFailedOrEndlessRefreshJobFailsTheSync() {
        bodies.addAll(List.of("{\"jobId\": \"job-8\"}", "{\"status\": \"FAILED\"}"));
        assertThatThrownBy(() -> onBranch(null, false).refreshSchema()).isInstanceOf(OmniException.class)
                .hasMessageContaining("schema refresh job job-8 of model model-1 failed");

        bodies.clear();
        bodies.add("{\"jobId\": \"job-9\"}");
        for (int i = 0; i < 100; i++) {
            bodies.add("{\"status\": \"RUNNING\"}");
        }
        assertThatThrownBy(() -> onBranch(null, false).refreshSchema())
                .hasMessageContaining("job-9 still RUNNING after PT0.5S (estore.omni.refresh-wait-at-most)");
    }

    @Test
    void filesGoToTheBranchAndTheRefreshOnlyWhereAsked() throws Exception {
        onBranch("branch-3", false).writeYaml("marts__dim_users.view", "dimensions: {}\n", "sync 2");
        onBranch("branch-3", false).refreshSchema();
        onBranch("branch-3", true).refreshSchema();

        assertThat(new ObjectMapper().readTree(seen.get(0).body()).get("branchId").asText()).isEqualTo("branch-3");
        assertThat(seen.get(1).query()).isNull();
        assertThat(seen.get(2).query()).isEqualTo("branch_id=branch-3");
    }

    @Test
    void aRefusedKeyIsNotRetriedAndSaysWhatToCheck() {
        statuses.add(401);
        assertThatThrownBy(() -> client().refreshSchema()).hasMessageContaining("estore.omni.api-key");
        assertThat(seen).hasSize(1);
    }
}
