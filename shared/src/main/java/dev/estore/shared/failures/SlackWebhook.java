package dev.estore.shared.failures;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.PipelineFailed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Posts one failure to a Slack incoming webhook. A non-2xx answer is an exception, so the bus retries it. */
public class SlackWebhook {

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    public SlackWebhook(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public void post(PipelineFailed failure) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(failure)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Slack webhook answered HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    static String body(PipelineFailed failure) throws JsonProcessingException {
        String text = ":rotating_light: *" + failure.service() + "* " + failure.stage() + " failed for `"
                + failure.subject() + "` at " + failure.failedAt() + "\n" + failure.reason();
        return MessageCodec.json().writeValueAsString(Map.of("text", text));
    }
}
