package dev.estore.shared.failures;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.PipelineFailed;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Posts one failure (or recovery) to a Slack incoming webhook on the Quarkus REST client. A non-2xx answer is an
 * exception, so the bus retries it with its own backoff: no second retry layer here.
 */
public class SlackWebhook {

    private final URI url;
    private final Client http;

    public SlackWebhook(URI url, Duration timeout) {
        this.url = url;
        this.http = ClientBuilder.newBuilder().connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
    }

    public void post(PipelineFailed failure) throws IOException {
        try (Response response = http.target(url).request().post(Entity.json(body(failure)))) {
            if (response.getStatus() / 100 != 2) {
                throw new IOException("Slack webhook answered HTTP " + response.getStatus() + ": "
                        + response.readEntity(String.class));
            }
        } catch (ProcessingException e) {
            throw new IOException("Slack webhook " + url.getHost() + " unreachable: " + e.getMessage(), e);
        }
    }

    static String body(PipelineFailed failure) throws JsonProcessingException {
        String text = (failure.recovery() ? ":white_check_mark: *" : ":rotating_light: *") + failure.service()
                + "* " + failure.stage() + (failure.recovery() ? " recovered with `" : " failed for `")
                + failure.subject() + "` at " + failure.failedAt() + "\n" + failure.reason();
        return MessageCodec.json().writeValueAsString(Map.of("text", text));
    }
}
