package dev.estore.runner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.estore.embedded.work.WorkInProgress;
import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratorOptions;
import dev.estore.runner.fixture.TestFolders;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.FailureLog;
import dev.estore.runner.pipeline.RunSummary;
import dev.estore.shared.contracts.ObjectNotification;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.ports.RawEventsStore;
import dev.estore.shared.ports.RawEventsStore.LoadStatus;
import dev.estore.shared.ports.Warehouse;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole embedded pipeline on a small generated dataset plus the real REES46 sample: files become raw rows,
 * staged events and fact events, every service hears about it, and bad input is handled as the spec says.
 * The methods share one warehouse and run in order.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedPipelineEndToEndTest {

    static final Duration SETTLE = Duration.ofMinutes(2);
    static final String HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n";

    @Inject
    EmbeddedPipeline pipeline;
    @Inject
    Warehouse warehouse;
    @Inject
    RawEventsStore raw;
    @Inject
    EventBus bus;
    @Inject
    WorkInProgress work;
    @Inject
    FailureLog failures;

    Path bucket;
    RunSummary firstRun;

    @BeforeAll
    void runThePipelineOnce() throws Exception {
        Path root = TestFolders.create("estore-e2e");
        pipeline.useWarehouse(root.resolve("warehouse.duckdb"));
        bucket = root.resolve("e2e-bucket");
        new EventGenerator(new GeneratorOptions(30_000, 3, 7, bucket, false, YearMonth.of(2019, 10))).generate();
        try (InputStream sample = getClass().getResourceAsStream("/samples/rees46-2019-Oct-head1000.csv")) {
            Files.copy(sample, bucket.resolve("real-sample-2019-Oct-head1000.csv"));
        }
        firstRun = pipeline.run(List.of(bucket), SETTLE);
    }

    @Test
    @Order(1)
    void everyFileLoadsAndTheModelsBuildWithPassingTests() {
        assertThat(firstRun.timedOut()).isFalse();
        assertThat(firstRun.files()).hasSize(4)
                .allSatisfy(file -> assertThat(file.load().status()).isEqualTo(LoadStatus.LOADED));
        assertThat(firstRun.rowsLoaded()).isEqualTo(31_000);
        assertThat(firstRun.rowsRejected()).isZero();
        assertThat(firstRun.lastBuild().status().name()).isEqualTo("SUCCESS");
        assertThat(firstRun.lastBuild().failedTests()).isEmpty();
        assertThat(firstRun.lastBuild().testsPassed()).isGreaterThanOrEqualTo(15);
        assertThat(firstRun.succeeded()).isTrue();
        assertThat(count("raw.events")).isEqualTo(31_000);
    }

    @Test
    @Order(2)
    void stagedEventsEqualAnIndependentReadingOfTheSpec() {
        Set<String> expected = StagingReference.expectedRows(warehouse.query("SELECT * FROM raw.events"));
        Set<String> actual = warehouse.query("SELECT * FROM staging.stg_events").stream()
                .map(StagingReference::canonical).collect(Collectors.toSet());

        assertThat(actual).hasSize((int) count("staging.stg_events"));
        assertThat(actual).isEqualTo(expected);
        // the generated data exercises every rule
        Map<Object, Object> leftOut = warehouse.query("SELECT exclusion_reason, count(*) AS n "
                + "FROM staging.stg_events_classified WHERE exclusion_reason IS NOT NULL GROUP BY 1").stream()
                .collect(Collectors.toMap(row -> row.get("exclusion_reason"), row -> row.get("n")));
        assertThat(leftOut).containsKeys("exact duplicate", "product under several brands", "missing user_session");
    }

    @Test
    @Order(3)
    void factEventsCarryOneRowPerStagedEventWithFlagsAndRevenue() {
        assertThat(count("marts.fct_events")).isEqualTo(count("staging.stg_events"));
        Map<String, Object> checks = warehouse.query("""
                SELECT count(DISTINCT event_id) AS ids,
                       count(*) FILTER (WHERE is_purchase + is_cart_add + is_view <> 1) AS bad_flags,
                       count(*) FILTER (WHERE (event_type = 'purchase') <> (revenue IS NOT NULL)) AS bad_revenue,
                       count(*) FILTER (WHERE event_type = 'purchase' AND revenue <> price) AS revenue_not_price,
                       count(*) FILTER (WHERE quantity <> 1) AS bad_quantity,
                       count(*) FILTER (WHERE event_date <> CAST(event_time AS DATE)) AS bad_dates,
                       count(*) FILTER (WHERE length(event_id) <> 32) AS bad_ids
                FROM marts.fct_events""").get(0);
        assertThat(checks).containsEntry("ids", count("marts.fct_events")).containsEntry("bad_flags", 0L)
                .containsEntry("bad_revenue", 0L).containsEntry("revenue_not_price", 0L)
                .containsEntry("bad_quantity", 0L).containsEntry("bad_dates", 0L).containsEntry("bad_ids", 0L);
        assertThat(warehouse.query("SELECT * FROM staging.stg_events EXCEPT SELECT event_time, event_type, product_id, "
                + "category_id, category_code, brand, price, user_id, user_session, event_date FROM marts.fct_events"))
                .isEmpty();
    }

    @Test
    @Order(4)
    void aRepeatedNotificationLoadsNothingTwice() throws Exception {
        var loaded = firstRun.files().get(0);
        var ref = loaded.load().object();
        long ledgerBefore = raw.recent(1000).size();

        bus.publish(Topics.OBJECT_NOTIFICATIONS, ObjectNotification.finalized(ref, loaded.bytes(), "text/csv",
                java.time.Instant.now()), ref.uri());
        assertThat(work.awaitIdle(SETTLE)).isTrue();
        given().contentType(ContentType.JSON).body(Map.of("bucket", ref.bucket(), "object", ref.name()))
                .post("/loads").then().statusCode(200).body("outcome", equalTo("ALREADY_LOADED"))
                .body("load.loadId", equalTo(loaded.load().loadId()));

        assertThat(count("raw.events")).isEqualTo(31_000);
        assertThat(raw.recent(1000)).hasSize((int) ledgerBefore);
    }

    @Test
    @Order(5)
    void aFileWithTheWrongHeaderIsQuarantinedWithItsReason() throws Exception {
        int failuresBefore = failures.size();
        Files.writeString(bucket.resolve("wrong-header.csv"),
                "event_time,event_type,product_id,category_id,category_code,brand,cost,user_id,user_session\n"
                        + "2019-10-01 00:00:00 UTC,view,1,2,,,1.00,3,s\n");

        given().contentType(ContentType.JSON).body(Map.of("bucket", "e2e-bucket", "object", "wrong-header.csv"))
                .post("/loads").then().statusCode(200).body("outcome", equalTo("QUARANTINED"));

        assertThat(bucket.resolve("wrong-header.csv")).doesNotExist();
        assertThat(bucket.resolve("quarantine/wrong-header.csv")).exists();
        assertThat(Files.readString(bucket.resolve("quarantine/wrong-header.csv.reason.txt")))
                .contains("missing columns [price]").contains("unexpected columns [cost]");
        assertThat(work.awaitIdle(SETTLE)).isTrue();
        assertThat(failures.since(failuresBefore)).anySatisfy(failure -> {
            assertThat(failure.service()).isEqualTo("loader-service");
            assertThat(failure.subject()).contains("wrong-header.csv");
        });
        assertThat(count("raw.events")).isEqualTo(31_000);
    }

    @Test
    @Order(6)
    void aFileWithGarbledLinesLoadsItsGoodRowsAndCountsTheRejects() throws Exception {
        Path garbled = Files.createDirectories(bucket.getParent().resolve("garbled"));
        Files.writeString(garbled.resolve("garbled-2020-Jan.csv"), HEADER
                + "2020-01-01 10:00:00 UTC,view,100,200,a.b,acme,5.00,300,11111111-1111-4111-8111-111111111111\n"
                + "2020-01-01 10:00:01 UTC,view,not-a-number,200,,,5.00,300,s\n"
                + "2020-01-01 10:00:02 UTC,cart,100,200,a.b,acme,5.00,300,11111111-1111-4111-8111-111111111111\n"
                + "2020-01-01 10:00:03 UTC,purchase,100,200\n"
                + "2020-01-01 10:00:04 UTC,purchase,100,200,a.b,acme,-5.00,300,s\n"
                + "2020-01-01 10:00:05 UTC,purchase,100,200,a.b,acme,5.00,300,11111111-1111-4111-8111-111111111111\n",
                StandardCharsets.UTF_8);

        RunSummary summary = pipeline.run(List.of(garbled), SETTLE);

        var load = summary.files().get(0).load();
        assertThat(load.status()).isEqualTo(LoadStatus.LOADED);
        assertThat(load.rowsLoaded()).isEqualTo(3);
        assertThat(load.rowsRejected()).isEqualTo(3);
        given().get("/loads/" + load.loadId()).then().statusCode(200)
                .body("rejects.line", equalTo(List.of(3, 5, 6)))
                .body("rejects[2].reason", org.hamcrest.Matchers.containsString("price is negative"));
        assertThat(summary.lastBuild().status().name()).isEqualTo("SUCCESS");
        assertThat(count("marts.fct_events")).isEqualTo(count("staging.stg_events"));
        assertThat(warehouse.query("SELECT count(*) AS n FROM marts.fct_events WHERE event_date = DATE '2020-01-01' "
                + "AND user_id = '300'").get(0).get("n")).isEqualTo(3L);
    }

    @Test
    @Order(7)
    void aFolderKeepsItsBucketNameAndAnotherWithTheSameNameGetsItsOwn() throws Exception {
        Path twin = Files.createDirectories(TestFolders.create("estore-twin").resolve("e2e-bucket"));

        assertThat(pipeline.mount(twin)).isEqualTo("e2e-bucket-2");
        assertThat(pipeline.mount(bucket)).isEqualTo("e2e-bucket");
        assertThat(pipeline.mount(twin)).isEqualTo("e2e-bucket-2");
    }

    @Test
    @Order(8)
    void theServicesAnswerOverHttp() {
        given().get("/loads").then().statusCode(200).body("size()", org.hamcrest.Matchers.greaterThanOrEqualTo(6));
        given().get("/runs").then().statusCode(200).body("[0].status", equalTo("SUCCESS"));
        given().get("/models").then().statusCode(200).body("name", hasItem("fct_events"));
        given().get("/models/fct_events").then().statusCode(200).body("upstream", equalTo(List.of("stg_events")))
                .body("compiledSql", org.hamcrest.Matchers.containsString("staging.stg_events"));
        given().get("/snapshots").then().statusCode(200).body("lastRun.status", hasItem("SUCCESS"));
        given().get("/semantic/syncs").then().statusCode(200).body("[0].valid", equalTo(true));
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/openapi").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/loads"));
        given().contentType(ContentType.JSON).body(Map.of("object", "no-such-file.csv")).post("/loads").then()
                .statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("select", List.of("no_such_model"))).post("/runs").then()
                .statusCode(400);
    }

    private long count(String relation) {
        return ((Number) warehouse.query("SELECT count(*) AS n FROM " + relation).get(0).get("n")).longValue();
    }

    static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
