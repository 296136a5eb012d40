package dev.estore.shared.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.PipelineFailed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackWebhookTest {

    private static final PipelineFailed FAILURE = new PipelineFailed("loader-service", "load",
            "gs://estore-raw/2024/events.csv#17", "header \"price\" is missing", Instant.parse("2024-05-01T10:15:30Z"));

    private record Request(String method, String contentType, String body) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private HttpServer server;

    @BeforeEach
    void startSlackStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/services/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            byte[] answer = (status == 200 ? "ok" : "internal_error").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SlackWebhook webhook() {
        return new SlackWebhook(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/hook"),
                Duration.ofSeconds(5));
    }

    @Test
    void postsJsonWithServiceStageSubjectAndReason() throws Exception {
        webhook().post(FAILURE);

        assertThat(requests).hasSize(1);
        Request request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/json");
        JsonNode json = MessageCodec.json().readTree(request.body());
        assertThat(json.path("text").isTextual()).isTrue();
        assertThat(json.path("text").asText())
                .contains("loader-service", "load", "gs://estore-raw/2024/events.csv#17",
                        "header \"price\" is missing");
    }

    @Test
    void aRecoveryIsPostedAsOne() throws Exception {
        webhook().post(new PipelineFailed("transform-service", "build", "run-9", "it works again: run-9 succeeded",
                Instant.parse("2024-05-01T11:00:00Z"), true));

        String text = MessageCodec.json().readTree(requests.get(0).body()).path("text").asText();
        assertThat(text).startsWith(":white_check_mark: *transform-service* build recovered with `run-9`")
                .doesNotContain("failed for");
    }

    @Test
    void serverErrorRaisesIoException() {
        status = 500;

        assertThatThrownBy(() -> webhook().post(FAILURE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("500");
        assertThat(requests).hasSize(1);
    }
}
