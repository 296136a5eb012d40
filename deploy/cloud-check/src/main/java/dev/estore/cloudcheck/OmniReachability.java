package dev.estore.cloudcheck;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether the BI tool answers with the key the semantic sync will use (one GET of its API, nothing written). */
final class OmniReachability {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Finding check(String baseUrl, String apiKey) {
        String resource = "omni " + baseUrl;
        if (apiKey == null || apiKey.isBlank()) {
            return Finding.wrong(resource, "no API key given", "pass --omni-api-key-env NAME, the environment "
                    + "variable holding the key the semantic sync uses (estore.omni.api-key)");
        }
        URI models = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v1/models");
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(models).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                return Finding.wrong(resource, "refuses the key (HTTP " + status + ")", "create an organization API "
                        + "key in Omni (Settings > API keys) and store it in the secret estore.omni.api-key reads");
            }
            if (status >= 300) {
                return Finding.wrong(resource, "answers HTTP " + status + " for " + models, "check estore.omni.base-url"
                        + " (https://<your org>.omniapp.co)");
            }
            return Finding.ok(resource, "answers with the key (HTTP " + status + ")");
        } catch (IOException | IllegalArgumentException e) {
            return Finding.wrong(resource, "unreachable: " + e, "check estore.omni.base-url and that the network "
                    + "reaches it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.wrong(resource, "interrupted", "run the check again");
        }
    }
}
