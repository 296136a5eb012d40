package dev.estore.gcp.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP stand-in for the part of BigQuery's REST API (v2) the gateway uses: jobs.insert answers a DONE job
 * echoing the sent configuration plus the test's statistics and status; jobs.get returns it again;
 * jobs.getQueryResults answers the test's schema and rows; tables.get and datasets.get/insert answer from maps.
 * Every request is recorded, so a test can check what the client really sent. Listens on a free port.
 */
public final class BigQueryRestStandIn implements AutoCloseable {

    record Request(String method, String path, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> jobs = new ConcurrentHashMap<>();
    final Map<String, String> tables = new ConcurrentHashMap<>();
    public final Map<String, String> datasets = new ConcurrentHashMap<>();
    volatile String jobStatistics = "{}";
    volatile String jobStatus = "{\"state\": \"DONE\"}";
    volatile String queryResults = "{\"schema\": {\"fields\": []}, \"rows\": [], \"totalRows\": \"0\"}";

    public BigQueryRestStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The body of the last jobs.insert. */
    JsonNode lastInsertedJob() {
        return requests.stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/jobs"))
                .reduce((first, second) -> second).orElseThrow().body();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
        } catch (RuntimeException | IOException e) {
            answer(exchange, 500, "{\"error\": {\"code\": 500, \"message\": \"stand-in failed: "
                    + String.valueOf(e).replace("\"", "'") + "\"}}");
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        // The Google HTTP client gzips request bodies.
        byte[] bytes = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new java.util.zip.GZIPInputStream(exchange.getRequestBody()).readAllBytes()
                : exchange.getRequestBody().readAllBytes();
        JsonNode body = bytes.length == 0 ? null : JSON.readTree(bytes);
        requests.add(new Request(method, path, body));
        String[] parts = path.replaceFirst("^/bigquery/v2/", "").split("/");
        // parts: projects, {p}, (jobs|queries|datasets), ...
        String resource = parts.length > 2 ? parts[2] : "";
        if (method.equals("POST") && resource.equals("jobs") && parts.length == 3) {
            ObjectNode job = (ObjectNode) JSON.readTree("{\"kind\": \"bigquery#job\"}");
            job.set("jobReference", body.get("jobReference"));
            ObjectNode configuration = body.get("configuration").deepCopy();
            if (configuration.has("query")) {
                // BigQuery writes every query's result to an anonymous table and names it in the job.
                ((ObjectNode) configuration.get("query")).set("destinationTable", JSON.readTree(
                        "{\"projectId\": \"" + parts[1] + "\", \"datasetId\": \"_anon\", \"tableId\": \"anon_result\"}"));
            }
            job.set("configuration", configuration);
            job.set("statistics", JSON.readTree(jobStatistics));
            job.set("status", JSON.readTree(jobStatus));
            job.put("id", parts[1] + ":" + body.get("jobReference").get("jobId").asText());
            jobs.put(body.get("jobReference").get("jobId").asText(), job);
            answer(exchange, 200, job.toString());
        } else if (method.equals("GET") && resource.equals("jobs") && parts.length == 4) {
            ObjectNode job = jobs.get(parts[3]);
            answer(exchange, job == null ? 404 : 200, job == null ? notFound(path) : job.toString());
        } else if (method.equals("GET") && resource.equals("queries") && parts.length == 4) {
            ObjectNode results = (ObjectNode) JSON.readTree(queryResults);
            results.put("kind", "bigquery#getQueryResultsResponse");
            results.put("jobComplete", true);
            results.set("jobReference", jobs.get(parts[3]).get("jobReference"));
            answer(exchange, 200, results.toString());
        } else if (method.equals("GET") && resource.equals("datasets") && parts.length == 7
                && parts[6].equals("data")) {
            // tabledata.list of the anonymous result table: the rows of the query results.
            JsonNode results = JSON.readTree(queryResults);
            ObjectNode page = (ObjectNode) JSON.readTree("{\"kind\": \"bigquery#tableDataList\"}");
            page.set("rows", results.get("rows"));
            page.set("totalRows", results.get("totalRows"));
            answer(exchange, 200, page.toString());
        } else if (method.equals("GET") && resource.equals("datasets") && parts.length == 6) {
            String table = tables.get(parts[3] + "." + parts[5]);
            answer(exchange, table == null ? 404 : 200, table == null ? notFound(path) : table);
        } else if (method.equals("GET") && resource.equals("datasets") && parts.length == 4) {
            String dataset = datasets.get(parts[3]);
            answer(exchange, dataset == null ? 404 : 200, dataset == null ? notFound(path) : dataset);
        } else if (method.equals("POST") && resource.equals("datasets") && parts.length == 3) {
            datasets.put(body.get("datasetReference").get("datasetId").asText(), body.toString());
            answer(exchange, 200, body.toString());
        } else {
            answer(exchange, 501, "{\"error\": {\"code\": 501, \"message\": \"stand-in: no " + method + " " + path
                    + "\"}}");
        }
    }

    private static String notFound(String path) {
        return "{\"error\": {\"code\": 404, \"message\": \"Not found: " + path + "\", \"errors\": [{\"reason\": "
                + "\"notFound\", \"message\": \"Not found\"}]}}";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
