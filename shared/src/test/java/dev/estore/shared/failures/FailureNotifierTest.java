package dev.estore.shared.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.Topic;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.ports.MessageHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier against a local stand-in for Slack's incoming webhook. */
class FailureNotifierTest {

    static final PipelineFailed FAILURE = new PipelineFailed("loader-service", "load", "gs://b/x.csv#1",
            "DuckDB could not read the file", Instant.parse("2026-11-27T12:00:00Z"));

    HttpServer slack;
    List<String> bodies = new CopyOnWriteArrayList<>();
    volatile int status = 200;

    @BeforeEach
    void startSlackStandIn() throws IOException {
        slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext("/services/T000/B000/XXX", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        slack.start();
    }

    @AfterEach
    void stop() {
        slack.stop(0);
    }

    @Test
    void postsEachFailureToTheConfiguredWebhook() throws Exception {
        FailureNotifier notifier = new FailureNotifier(new NoBus(), config(Optional.of(webhook())));

        notifier.handle(FAILURE, new MessageHandler.Delivery("m1", FailureNotifier.SUBSCRIPTION, 1, "c"));

        assertThat(bodies).singleElement().satisfies(body -> assertThat(body)
                .contains("loader-service").contains("gs://b/x.csv#1").contains("DuckDB could not read the file"));
        assertThat(notifier.failuresHeard()).isEqualTo(1);
    }

    @Test
    void aRefusedPostThrowsSoTheBusRetriesItButCountsTheFailureOnce() throws Exception {
        status = 503;
        FailureNotifier notifier = new FailureNotifier(new NoBus(), config(Optional.of(webhook())));

        assertThatThrownBy(() -> notifier.handle(FAILURE,
                new MessageHandler.Delivery("m1", FailureNotifier.SUBSCRIPTION, 1, "c"))).hasMessageContaining("503");
        assertThatThrownBy(() -> notifier.handle(FAILURE,
                new MessageHandler.Delivery("m1", FailureNotifier.SUBSCRIPTION, 2, "c"))).hasMessageContaining("503");
        assertThat(bodies).hasSize(2);
        assertThat(notifier.failuresHeard()).isEqualTo(1);
    }

    @Test
    void withoutAWebhookItOnlyLogs() throws Exception {
        FailureNotifier notifier = new FailureNotifier(new NoBus(), config(Optional.empty()));
        notifier.handle(FAILURE, new MessageHandler.Delivery("m1", FailureNotifier.SUBSCRIPTION, 1, "c"));
        assertThat(bodies).isEmpty();
        assertThat(notifier.failuresHeard()).isEqualTo(1);
    }

    private URI webhook() {
        return URI.create("http://127.0.0.1:" + slack.getAddress().getPort() + "/services/T000/B000/XXX");
    }

    private static SlackConfig config(Optional<URI> url) {
        return new SlackConfig() {
            @Override
            public Optional<URI> webhookUrl() {
                return url;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
    }

    /** The notifier is called directly here; it never publishes. */
    private static final class NoBus implements EventBus {
        @Override
        public <T> void publish(Topic<T> topic, T message, String correlationId) {
            throw new AssertionError("unexpected publish");
        }

        @Override
        public <T> void subscribe(Topic<T> topic, String subscription, MessageHandler<T> handler) {
        }
    }
}
