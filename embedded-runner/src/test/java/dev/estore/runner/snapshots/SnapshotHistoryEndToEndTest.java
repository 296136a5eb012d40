package dev.estore.runner.snapshots;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.estore.embedded.work.WorkInProgress;
import dev.estore.runner.fixture.SevenMonths;
import dev.estore.runner.fixture.SharedWarehouseProfile;
import dev.estore.shared.contracts.SnapshotsTaken;
import dev.estore.shared.ports.Warehouse;
import dev.estore.snapshot.run.SnapshotOutcome;
import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The "done when": seven generated months loaded one by one ({@link SevenMonths}), each built and then
 * snapshotted by the snapshot-service on models-built, give a history with one current version per user, no overlapping versions,
 * a migration matrix that adds up, and a re-run on unchanged data that changes nothing.
 */
@QuarkusTest
@TestProfile(SharedWarehouseProfile.class)
class SnapshotHistoryEndToEndTest {

    static final String RFM = "snapshots.snap_user_rfm";
    static final String STATUS = "snapshots.snap_user_status";

    @Inject
    Warehouse warehouse;
    @Inject
    BuildCoordinator builds;
    @Inject
    WorkInProgress work;

    @Test
    void monthByMonthSnapshotsKeepAConsistentHistory() throws Exception {
        SevenMonths.History history = SevenMonths.built();
        List<SnapshotsTaken> taken = history.snapshotsTaken();
        List<Instant> runTimes = new ArrayList<>();
        for (SevenMonths.Month month : history.months()) {
            SnapshotOutcome rfm = month.rfm();
            SnapshotOutcome status = month.status();
            assertThat(List.of(rfm, status)).allSatisfy(outcome -> {
                assertThat(outcome.status()).isEqualTo(SnapshotOutcome.Status.SUCCESS);
                assertThat(outcome.trigger()).isEqualTo("models-built:" + month.run().lastBuild().runId());
            });
            assertThat(status.runTime()).isEqualTo(rfm.runTime());
            runTimes.add(rfm.runTime());
        }

        // every month recorded a later run time, and the versions start at those times only
        for (int i = 1; i < runTimes.size(); i++) {
            assertThat(runTimes.get(i)).as("run time of month %d", i + 1).isAfter(runTimes.get(i - 1));
        }
        assertThat(validFroms(STATUS)).as("every month brings new users").containsExactlyElementsOf(runTimes);
        assertThat(runTimes).containsAll(validFroms(RFM));
        assertThat(taken).hasSize(7).allSatisfy(message -> assertThat(message.snapshots())
                .extracting(SnapshotsTaken.SnapshotCounts::name)
                .containsExactly("snap_user_rfm", "snap_user_status"));
        // no user leaves either source, so the new keys of all runs are the users
        assertThat(taken.stream().mapToLong(message -> message.snapshots().get(0).newKeys()).sum())
                .isEqualTo(count("marts.dim_user_rfm"));
        assertThat(taken.stream().mapToLong(message -> message.snapshots().get(1).newKeys()).sum())
                .isEqualTo(count("marts.dim_users"));
        assertThat(taken.stream().mapToLong(message -> message.snapshots().get(0).changed()).sum())
                .as("customers changed RFM scores over the months").isPositive();

        for (String snapshot : List.of(RFM, STATUS)) {
            assertOneCurrentVersionPerUserAndNoOverlap(snapshot);
        }
        assertCurrentVersionsMatchTheSource(RFM, "marts.dim_user_rfm",
                "user_id, rfm_segment, rfm_score, recency_score, frequency_score, monetary_score");
        assertCurrentVersionsMatchTheSource(STATUS, "marts.dim_users",
                "user_id, activity_status, is_churned, customer_ltv, purchase_count");

        assertMigrationsAddUp("snap_user_rfm", RFM, "rfm_segment", runTimes.get(1), runTimes.get(6));
        assertMigrationsAddUp("snap_user_status", STATUS, "activity_status", runTimes.get(0), runTimes.get(6));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        given().queryParam("from", today).queryParam("to", today).get("/snapshots/snap_user_rfm/migrations").then()
                .statusCode(200).body("keys", equalTo((int) count(RFM + " WHERE valid_to IS NULL")))
                .body("moved", equalTo(0));

        // the classes before this one may have re-run the snapshots by hand: a build (on the same data, so no
        // snapshot change) makes models-built their last trigger again
        builds.submit(BuildRequest.all("test:snapshot-history"));
        assertThat(work.awaitIdle(Duration.ofMinutes(2))).isTrue();
        List<Map<String, Object>> before = table(RFM);
        JsonPath rerun = authorized().post("/snapshots/snap_user_rfm/run").then().statusCode(200)
                .body("status", equalTo("SUCCESS")).body("trigger", equalTo("http"))
                .extract().jsonPath();
        assertThat(rerun.getLong("snapshots[0].changes.newKeys") + rerun.getLong("snapshots[0].changes.reappeared")
                + rerun.getLong("snapshots[0].changes.changed") + rerun.getLong("snapshots[0].changes.closed"))
                .isZero();
        assertThat(rerun.getLong("snapshots[0].changes.unchanged")).isEqualTo(count("marts.dim_user_rfm"));
        assertThat(table(RFM)).as("rows after a re-run on unchanged data").isEqualTo(before);

        theApiAnswers();
    }

    private void theApiAnswers() {
        given().get("/snapshots").then().statusCode(200)
                .body("name", hasItems("snap_user_rfm", "snap_user_status"))
                .body("find { it.name == 'snap_user_rfm' }.rows", equalTo((int) count(RFM)))
                .body("find { it.name == 'snap_user_rfm' }.currentRows",
                        equalTo((int) count(RFM + " WHERE valid_to IS NULL")))
                .body("find { it.name == 'snap_user_rfm' }.lastRun.trigger", equalTo("http"))
                .body("find { it.name == 'snap_user_status' }.lastRun.trigger", containsString("models-built"));

        String mover = (String) warehouse.query("SELECT user_id FROM " + RFM
                + " GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 1").get(0).get("user_id");
        JsonPath history = given().queryParam("key", mover).get("/snapshots/snap_user_rfm/history").then()
                .statusCode(200).extract().jsonPath();
        List<String> from = history.getList("valid_from", String.class);
        List<String> to = history.getList("valid_to", String.class);
        assertThat(from).hasSizeGreaterThanOrEqualTo(2);
        assertThat(from.stream().map(Instant::parse).toList()).isSorted();
        // each version ends where the next begins; the last is current
        assertThat(to.subList(0, to.size() - 1)).isEqualTo(from.subList(1, from.size()));
        assertThat(to.get(to.size() - 1)).isNull();

        given().queryParam("key", "1").get("/snapshots/snap_nobody/history").then().statusCode(404);
        given().get("/snapshots/snap_user_rfm/history").then().statusCode(400);
        given().queryParam("from", "2019-13-01").queryParam("to", "2020-01-01")
                .get("/snapshots/snap_user_rfm/migrations").then().statusCode(400);
        given().queryParam("from", "2020-02-01").queryParam("to", "2020-01-01")
                .get("/snapshots/snap_user_rfm/migrations").then().statusCode(400);
        authorized().post("/snapshots/snap_nobody/run").then().statusCode(404);
        authorized().post("/snapshots/run").then().statusCode(200).body("snapshots.snapshot",
                equalTo(List.of("snap_user_rfm", "snap_user_status"))).body("snapshots.changes.changed",
                equalTo(List.of(0, 0)));
        given().get("/snapshots/snap_user_status").then().statusCode(200).body("lastRun.trigger", equalTo("http"))
                .body("checkCols", hasItems("activity_status", "customer_ltv"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/snapshots/{name}/migrations"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'snapshot-service' }.status", equalTo("UP"));
    }

    private void assertOneCurrentVersionPerUserAndNoOverlap(String snapshot) {
        long users = count("(SELECT DISTINCT user_id FROM " + snapshot + ") AS users");
        assertThat(users).as("users of %s", snapshot).isPositive();
        assertThat(count(snapshot + " WHERE valid_to IS NULL")).as("current versions of %s", snapshot)
                .isEqualTo(users);
        assertThat(count("(SELECT user_id FROM " + snapshot + " WHERE valid_to IS NULL GROUP BY user_id "
                + "HAVING count(*) > 1) AS doubled")).as("users of %s with several current versions", snapshot)
                .isZero();
        assertThat(count(snapshot + " WHERE valid_to IS NOT NULL AND valid_to <= valid_from"))
                .as("empty or reversed versions in %s", snapshot).isZero();
        assertThat(count(snapshot + " AS a JOIN " + snapshot + " AS b ON a.user_id = b.user_id "
                + "AND a.scd_id <> b.scd_id AND a.valid_from < coalesce(b.valid_to, TIMESTAMP '9999-12-31') "
                + "AND b.valid_from < coalesce(a.valid_to, TIMESTAMP '9999-12-31')"))
                .as("overlapping versions in %s", snapshot).isZero();
        assertThat(count("(SELECT scd_id FROM " + snapshot + " GROUP BY scd_id HAVING count(*) > 1) AS ids"))
                .as("repeated scd_id in %s", snapshot).isZero();
    }

    private void assertCurrentVersionsMatchTheSource(String snapshot, String source, String columns) {
        String current = "SELECT " + columns + " FROM " + snapshot + " WHERE valid_to IS NULL";
        String now = "SELECT " + columns + " FROM " + source;
        assertThat(count(source)).isEqualTo(count(snapshot + " WHERE valid_to IS NULL"));
        assertThat(count("(" + now + " EXCEPT " + current + ") AS missing")).as("%s not in %s", source, snapshot)
                .isZero();
        assertThat(count("(" + current + " EXCEPT " + now + ") AS extra")).as("%s not in %s", snapshot, source)
                .isZero();
    }

    /** The matrix's cells add up to the users with a version valid at both instants, counted here in SQL. */
    private void assertMigrationsAddUp(String name, String snapshot, String column, Instant from, Instant to) {
        JsonPath matrix = given().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/snapshots/" + name + "/migrations").then().statusCode(200)
                .body("column", equalTo(column)).extract().jsonPath();
        String validAt = " valid_from <= CAST('%1$s' AS TIMESTAMP) AND (valid_to IS NULL OR valid_to > CAST('%1$s' "
                + "AS TIMESTAMP))";
        String atFrom = "SELECT user_id FROM " + snapshot + " WHERE" + validAt.formatted(text(from));
        String atTo = "SELECT user_id FROM " + snapshot + " WHERE" + validAt.formatted(text(to));
        long presentAtBoth = count("(" + atFrom + " INTERSECT " + atTo + ") AS both_times");
        List<Integer> cells = matrix.getList("transitions.count", Integer.class);

        assertThat(presentAtBoth).as("%s users present at both times", name).isPositive();
        assertThat(cells.stream().mapToLong(Integer::longValue).sum()).as("%s matrix total", name)
                .isEqualTo(presentAtBoth);
        assertThat(matrix.getLong("keys")).isEqualTo(presentAtBoth);
        assertThat(matrix.getLong("moved")).as("%s users that moved", name).isPositive();
    }

    private static io.restassured.specification.RequestSpecification authorized() {
        return given().header("Authorization", "Bearer " + SharedWarehouseProfile.API_TOKEN);
    }

    private List<Instant> validFroms(String snapshot) {
        return warehouse.query("SELECT DISTINCT valid_from FROM " + snapshot + " ORDER BY valid_from").stream()
                .map(row -> (Instant) row.get("valid_from")).toList();
    }

    private List<Map<String, Object>> table(String snapshot) {
        return warehouse.query("SELECT * FROM " + snapshot + " ORDER BY user_id, valid_from");
    }

    private static String text(Instant instant) {
        return instant.toString().replace("T", " ").replace("Z", "");
    }

    private long count(String relation) {
        return ((Number) warehouse.query("SELECT count(*) AS n FROM " + relation).get(0).get("n")).longValue();
    }
}
