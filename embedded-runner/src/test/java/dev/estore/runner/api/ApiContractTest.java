package dev.estore.runner.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.estore.embedded.work.WorkInProgress;
import dev.estore.runner.fixture.SevenMonths;
import dev.estore.runner.fixture.SharedWarehouseProfile;
import dev.estore.runner.pipeline.RunSummary;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP API's contract with its callers, on a built warehouse: writes need the token, and no malformed request
 * is answered with 500. A client mistake gets a 4xx whose {"error"} names the field and the fix; the fuzz sends
 * a fixed corpus and seeded mutations of valid bodies to every endpoint that takes one.
 */
@QuarkusTest
@TestProfile(SharedWarehouseProfile.class) // shares its application and built warehouse
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_CHARACTERS = "{}[]\",:0123456789eE+-.\n ";

    /** A valid body per endpoint that takes one: the seeds of the mutations. */
    private static final List<String[]> BODIES = List.of(
            new String[] {"/loads", "{\"object\": \"rees46-2019-Oct.csv\", \"bucket\": \"estore-raw\"}"},
            new String[] {"/loads/sweep", "{\"bucket\": \"estore-raw\"}"},
            new String[] {"/semantic/query", """
                    {"topic": "Sessions", "dimensions": ["fct_sessions.funnel_stage", "fct_sessions.session_start_date"],
                     "measures": ["fct_sessions.count"], "filters": [
                       {"field": "fct_sessions.session_start_date", "op": "gte", "value": "2019-10-02"},
                       {"field": "fct_sessions.event_count", "op": "in", "values": [1, 2, 3]}],
                     "sort": [{"field": "fct_sessions.count", "direction": "desc"}], "limit": 10}"""},
            new String[] {"/semantic/query/sql", """
                    {"topic": "Customers", "dimensions": ["dim_users.activity_status"],
                     "measures": ["dim_users.count"], "filters": [
                       {"field": "dim_users.last_event_time", "op": "lt", "value": "2020-01-01T00:00:00Z"}]}"""},
            // last: its valid mutations queue builds, which would slow the requests after them
            new String[] {"/runs", "{\"select\": [\"fct_sessions+\"], \"fullRefresh\": false}"});

    /** Bodies that are not JSON of any endpoint's shape. */
    private static final List<String> CORPUS = List.of("", "null", "{}", "[]", "\"x\"", "1", "true", "{", "}",
            "{\"a\":", "[null]", "{\"select\": [null]}", "{\"topic\": null}", "{\"object\": \"\"}",
            "{\"object\": \"./b.csv\"}", "{\"bucket\": \"nope\"}", "\u0000", "{\"limit\": 1e400}",
            "{" + "\"a\":{".repeat(1_100) + "}".repeat(1_100) + "}");

    /** What a mutated value becomes. */
    private static final List<JsonNode> ODD_VALUES = oddValues();

    @Inject
    WorkInProgress work;

    @BeforeAll
    void aBuiltWarehouse() throws Exception {
        RunSummary run = SevenMonths.built().lastRun();
        assertThat(run.succeeded()).as("pipeline run: %s", run.failures()).isTrue();
    }

    @AfterAll
    void letQueuedBuildsFinish() throws InterruptedException {
        work.awaitIdle(Duration.ofMinutes(2)); // builds the fuzz queued must not outlive the application
    }

    @Test
    void writesNeedTheTokenReadsDoNot() {
        given().contentType("application/json").body("{}").post("/runs").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").body("error", containsString("ESTORE_API_TOKEN"));
        given().header("Authorization", "Bearer wrong").contentType("application/json").body("{}").post("/loads/sweep")
                .then().statusCode(401);
        given().post("/snapshots/run").then().statusCode(401);
        given().post("/semantic/syncs").then().statusCode(401);

        given().get("/runs").then().statusCode(200);
        given().get("/loads").then().statusCode(200);
        given().contentType("application/json").body(BODIES.get(3)[1]).post("/semantic/query").then().statusCode(200);
        authorized().contentType("application/json").body("{\"bucket\": \"estore-raw\"}").post("/loads/sweep")
                .then().statusCode(200);
    }

    @Test
    void metricsAreServedForPrometheusWithThePipelinesNames() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("estore_loads_total{status=\"loaded\"}", "estore_rows_loaded_total",
                "estore_rows_rejected_total", "estore_load_seconds_count", "estore_builds_total{status=\"success\"}",
                "estore_build_seconds_count", "estore_model_build_seconds_count{model=\"int_sessions\"}",
                "estore_model_rows{model=\"int_sessions\"}", "estore_snapshot_changes_total{kind=\"new\",snapshot="
                        + "\"snap_user_status\"}", "estore_source_freshness_seconds{since=\"newest_event\"}",
                "jvm_memory_used_bytes", "http_server_requests_seconds_count");
    }

    @Test
    void anOperatorPausesAndResumesBuildsOverHttp() throws InterruptedException {
        given().post("/runs/pause").then().statusCode(401);
        try {
            authorized().post("/runs/pause").then().statusCode(200).body("paused", is(true));
            String queued = authorized().contentType("application/json").body("{\"select\": [\"dim_categories\"]}")
                    .post("/runs").then().statusCode(202).extract().path("runId");
            authorized().post("/runs/pause").then().statusCode(200).body("queuedRunId", is(queued));
            given().get("/runs/" + queued).then().statusCode(200).body("status", is("QUEUED"));
        } finally {
            authorized().post("/runs/resume").then().statusCode(200).body("paused", is(false));
        }
        assertThat(work.awaitIdle(Duration.ofMinutes(2))).isTrue();
    }

    @Test
    void theMistakesFoundBeforeAreAnswered400WithTheFieldAndTheFix() {
        expect400("/loads/sweep", "{\"bucket\": \"nope\"}", "No local folder is mounted as bucket 'nope'");
        expect400("/runs", "{\"select\": [null]}", "select[0]");
        expect400("/semantic/query", "", "The body is empty");
        expect400("/semantic/query", "null", "The body is empty");
        expect400("/semantic/query", "{\"topic\": \"Sessions\", \"measures\": [\"fct_sessions.count\"], "
                + "\"sort\": [{\"direction\": \"desc\"}]}", "has no field");
        expect400("/semantic/query", "{\"topic\": \"Sessions\", \"measures\": [\"fct_sessions.count\"], \"filters\": "
                + "[{\"field\": \"fct_sessions.event_count\", \"op\": \"gt\", \"value\": \"1e40\"}]}",
                "fct_sessions.event_count");
        expect400("/semantic/query", "{\"topic\": \"Sessions\", \"measures\": [\"fct_sessions.count\"], \"filters\": "
                + "[{\"field\": \"fct_sessions.session_start_date\", \"op\": \"gt\", \"value\": \"+999999999-12-31\"}]}",
                "out of range");
        expect400("/loads", "{\"object\": \"x/../rees46-2019-Oct.csv\"}", "'..' segment");
        expect400("/runs", "{\"fullRefresh\": \"maybe\"}", "fullRefresh");
        given().get("/loads?limit=abc").then().statusCode(400).body("error", containsString("abc"));
        given().queryParam("from", "2019-01-01").queryParam("to", "+99999-12-31")
                .get("/snapshots/snap_user_status/migrations").then().statusCode(400).body("error", containsString("out of range"));
    }

    @Test
    void noMalformedRequestIsAnswered500() throws Exception {
        Random random = new Random(20261203L);
        List<String> answers = new ArrayList<>();
        for (String[] endpoint : BODIES) {
            List<String> bodies = new ArrayList<>(CORPUS);
            for (int i = 0; i < 12; i++) {
                bodies.add(mutatedTree(endpoint[1], random));
                bodies.add(mutatedText(endpoint[1], random));
            }
            for (String body : bodies) {
                Response response = authorized().contentType("application/json").body(body).post(endpoint[0]);
                answers.add(response.statusCode() + " " + endpoint[0]);
                assertThat(response.statusCode()).as("POST %s %s -> %s", endpoint[0], abbreviated(body),
                        response.asString()).isNotEqualTo(500).isLessThan(600);
                if (response.statusCode() >= 400) {
                    assertThat(response.jsonPath().getString("error")).as("POST %s %s", endpoint[0],
                            abbreviated(body)).isNotBlank();
                }
            }
        }
        for (String query : List.of("/loads?limit=-5", "/loads?limit=99999999999", "/loads/%00", "/runs/..%2F..",
                "/loads/load-x?rejects=abc", "/models/%22%3B%20drop", "/snapshots/snap_user_rfm/history?key=%27",
                "/snapshots/snap_user_rfm/migrations?from=0000-01-01&to=2020-01-01",
                "/snapshots/snap_user_rfm/migrations?from=2019-01-01&to=2020-01-01&column=nope",
                "/snapshots/nope/history?key=1")) {
            int status = given().urlEncodingEnabled(false).get(query).statusCode();
            assertThat(status).as("GET %s", query).isBetween(200, 499);
        }
        // the fuzz reached past the body reader: some mutations were valid requests, some were refused
        assertThat(answers).anyMatch(answer -> answer.startsWith("200 /semantic/query"))
                .anyMatch(answer -> answer.startsWith("400 /semantic/query"));
    }

    private static void expect400(String path, String body, String mentioned) {
        authorized().contentType("application/json").body(body).post(path).then().statusCode(400)
                .body("error", containsString(mentioned));
    }

    private static RequestSpecification authorized() {
        return given().header("Authorization", "Bearer " + SharedWarehouseProfile.API_TOKEN);
    }

    /** The valid body with one value, array element or field replaced by an odd value, or removed. */
    private static String mutatedTree(String body, Random random) throws Exception {
        JsonNode root = JSON.readTree(body);
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(root, containers);
        ContainerNode<?> target = containers.get(random.nextInt(containers.size()));
        JsonNode odd = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(5) == 0) {
                object.remove(name);
            } else {
                object.set(name, odd);
            }
        } else if (target instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextInt(3) == 0) {
                array.add(odd);
            } else {
                array.set(random.nextInt(array.size()), odd);
            }
        }
        return JSON.writeValueAsString(root);
    }

    /** The valid body with a few characters deleted, duplicated or replaced. */
    private static String mutatedText(String body, Random random) {
        StringBuilder text = new StringBuilder(body);
        for (int edits = 1 + random.nextInt(3); edits > 0 && text.length() > 0; edits--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, text.charAt(at));
                default -> text.setCharAt(at, JSON_CHARACTERS.charAt(random.nextInt(JSON_CHARACTERS.length())));
            }
        }
        return text.toString();
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> containers) {
        if (node instanceof ContainerNode<?> container) {
            containers.add(container);
            node.forEach(child -> collect(child, containers));
        }
    }

    private static List<JsonNode> oddValues() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return List.of(nodes.nullNode(), nodes.textNode(""), nodes.textNode("1e40"), nodes.numberNode(-1),
                nodes.numberNode(Long.MAX_VALUE), nodes.numberNode(new java.math.BigDecimal("1e400")),
                nodes.numberNode(1.5), nodes.textNode("+999999999-12-31"), nodes.textNode("0000-00-00"),
                nodes.textNode("2019-10-01T25:61:00Z"), nodes.arrayNode(), nodes.objectNode(),
                nodes.arrayNode().add(nodes.nullNode()), nodes.booleanNode(true), nodes.textNode("x".repeat(10_000)),
                nodes.textNode("'; DROP TABLE marts.fct_events; --"), nodes.textNode("../../etc/passwd"),
                nodes.textNode("\u0000"), nodes.textNode("fct_sessions.count"), nodes.textNode("like"),
                nodes.textNode("in"), nodes.textNode("is_null"), nodes.textNode("DESC"));
    }

    private static String abbreviated(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
