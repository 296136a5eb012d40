package dev.estore.cloudcheck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local stand-in for the two reads of Cloud Storage's JSON API the check makes: buckets.get and
 * notifications.list (google-cloud-nio's in-memory Storage serves neither). Answers from maps the test fills.
 */
final class StorageStandIn implements AutoCloseable {

    /** bucket -> its JSON resource. */
    final Map<String, String> buckets = new ConcurrentHashMap<>();
    /** bucket -> the JSON array of its notification configs. */
    final Map<String, String> notifications = new ConcurrentHashMap<>();
    private final HttpServer server;

    StorageStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        // /storage/v1/b/{bucket}[/notificationConfigs]
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String bucket = parts.length > 4 ? parts[4] : "";
        String body;
        if (parts.length == 5 && buckets.containsKey(bucket)) {
            body = buckets.get(bucket);
        } else if (parts.length == 6 && parts[5].equals("notificationConfigs") && buckets.containsKey(bucket)) {
            body = "{\"kind\": \"storage#notifications\", \"items\": " + notifications.getOrDefault(bucket, "[]")
                    + "}";
        } else {
            answer(exchange, 404, "{\"error\": {\"code\": 404, \"message\": \"The specified bucket does not exist.\"}}");
            return;
        }
        answer(exchange, 200, body);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
