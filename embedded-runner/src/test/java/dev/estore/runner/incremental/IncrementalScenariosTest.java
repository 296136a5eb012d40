package dev.estore.runner.incremental;

import static dev.estore.runner.fixture.FullRebuildComparison.assertTablesEqualAFullRebuild;
import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.runner.FreshWarehouseProfile;
import dev.estore.runner.WarehouseRows;
import dev.estore.runner.fixture.TestFolders;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.RunSummary;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.build.RunRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cases an incremental build can get silently wrong, one file at a time into one bucket, each build
 * incremental: a session straddling two files, a one-day file, a session id reused after a long gap, a product
 * turning multi-brand in a later file, a late file for days before all others, a replaced generation (a product
 * back to one brand, a straddling event gone), a failed build followed by a new file, a session whose user
 * changes when a new day's events join it, and a category getting its code on another product's event. At
 * checkpoints every table is compared with a full rebuild of the same raw data (EXCEPT ALL both ways).
 */
@QuarkusTest
@TestProfile(IncrementalScenariosTest.Profile.class)
class IncrementalScenariosTest {

    /**
     * A warehouse of its own (a profile class of its own restarts the app), where stg_events_deduped (batch_size:
     * day) writes each day in a statement of its own and fct_events' unique test checks each day on its own: every
     * scenario's windows and late days go through batches (handed-down days reach fct_events' tests).
     */
    public static class Profile extends FreshWarehouseProfile {

        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            java.util.Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
            overrides.put("estore.transform.batch-max-events", "1");
            return overrides;
        }
    }

    static final String HEADER = "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,"
            + "user_session";
    static final String S1 = "11111111-1111-1111-1111-111111111111";
    static final String S2 = "22222222-2222-2222-2222-222222222222";
    static final String S3 = "33333333-3333-3333-3333-333333333333";
    static final String S4 = "44444444-4444-4444-4444-444444444444";
    static final String S6 = "66666666-6666-6666-6666-666666666666";
    static final String S7 = "77777777-7777-7777-7777-777777777777";

    @Inject
    EmbeddedPipeline pipeline;
    @Inject
    Warehouse warehouse;
    @Inject
    BuildRunner runner;

    Path bucket;
    RunSummary lastRun;

    @Test
    void everySequenceOfIncrementalBuildsEndsWhereAFullRebuildDoes() throws Exception {
        bucket = TestFolders.create("estore-scenarios");

        // October 1-3: S1 ends late on the 3rd; S2 on the 1st; P2 sold under brand x; P3 under brand c.
        write("2019-10-01.csv",
                row("2019-10-01 10:00:00", "view", 2, 10, "electronics.phone", "x", "10.00", 7, S2),
                row("2019-10-01 10:05:00", "cart", 2, 10, "electronics.phone", "x", "10.00", 7, S2),
                row("2019-10-01 10:06:00", "purchase", 2, 10, "electronics.phone", "x", "10.00", 7, S2),
                row("2019-10-02 09:00:00", "view", 3, 11, "", "c", "5.50", 8, S3),
                row("2019-10-02 09:00:00", "view", 3, 11, "", "c", "5.50", 8, S3),
                row("2019-10-03 23:30:00", "view", 1, 10, "electronics.phone", "a", "99.99", 9, S1),
                row("2019-10-03 23:40:00", "purchase", 1, 10, "electronics.phone", "a", "99.99", 9, S1));
        String first = incrementalRun();
        assertThat(first).as("first build").startsWith("full");
        assertThat(WarehouseRows.modeOf(lastRun.lastBuild(), "stg_events_deduped")).as("a day per statement")
                .startsWith("full (new table) in 3 batches of days");
        // October 4: S1 goes on 40 minutes after midnight (one session across two files); P3 gets brand d.
        write("2019-10-04.csv",
                row("2019-10-04 00:10:00", "cart", 4, 12, "appliances.kitchen", "", "20.00", 9, S1),
                row("2019-10-04 08:00:00", "view", 3, 11, "", "d", "5.50", 10, S4),
                row("2019-10-04 08:01:00", "view", 2, 10, "electronics.phone", "x", "10.00", 10, S4));
        assertThat(incrementalRun()).as("the new day, and P3's earlier day it now leaves")
                .startsWith("insert_overwrite of 2 day(s): 2019-10-02, 2019-10-04");
        // A one-day file, October 5: S2 reused after four days (a second split), P2 under a second brand y.
        write("2019-10-05.csv",
                row("2019-10-05 12:00:00", "view", 2, 10, "electronics.phone", "y", "10.00", 7, S2),
                row("2019-10-05 12:30:00", "purchase", 5, 13, "", "", "1.00", 7, S2));
        String dayFive = incrementalRun();
        assertThat(dayFive).as("P2's earlier days leave fct_events").contains("2019-10-01");
        assertTablesEqualAFullRebuild("after a straddling session, a one-day file and a product turning multi-brand");

        // A late file, September 29-30, before every other day: S2 used before its October uses (renumbered), a
        // user whose first events move earlier.
        write("2019-09-29.csv",
                row("2019-09-29 08:00:00", "view", 6, 14, "sport.bike", "trek", "300.00", 7, S2),
                row("2019-09-30 08:00:00", "purchase", 6, 14, "sport.bike", "trek", "300.00", 9, S3));
        incrementalRun();
        // October 4 again, a new generation: P3's brand d is gone (P3 is back to one brand) and so is S1's event
        // after midnight.
        write("2019-10-04.csv",
                row("2019-10-04 08:00:00", "view", 3, 11, "", "c", "5.50", 10, S4),
                row("2019-10-04 08:01:00", "view", 2, 10, "electronics.phone", "x", "10.00", 10, S4),
                row("2019-10-04 09:00:00", "view", 7, 15, "kids.toys", "lego", "30.00", 11, "55555555-5555-5555-5555-555555555555"));
        incrementalRun();
        assertTablesEqualAFullRebuild("after a late file and a replaced generation");

        // A failed build (int_sessions' table lacks a column its new rows have), then a new file: the next build
        // catches up.
        warehouse.executeAtomically(List.of(
                "ALTER TABLE intermediate.int_sessions RENAME COLUMN funnel_stage TO blocked_funnel_stage"));
        write("2019-10-06.csv", row("2019-10-06 10:00:00", "view", 1, 10, "electronics.phone", "a", "99.99", 9, S1));
        RunSummary failed = pipeline.run(List.of(bucket), Duration.ofMinutes(2));
        assertThat(failed.lastBuild().status()).isEqualTo(RunRecord.Status.FAILED);
        assertThat(failed.lastBuild().models()).filteredOn(model -> model.model().equals("int_sessions"))
                .extracting(model -> model.status().name()).as("the model that failed").containsExactly("FAILED");
        warehouse.executeAtomically(List.of(
                "ALTER TABLE intermediate.int_sessions RENAME COLUMN blocked_funnel_stage TO funnel_stage"));
        write("2019-10-07.csv", row("2019-10-07 10:00:00", "cart", 1, 10, "electronics.phone", "a", "99.99", 12, S1));
        RunSummary caughtUp = pipeline.run(List.of(bucket), Duration.ofMinutes(2));
        assertThat(caughtUp.succeeded()).as("%s", caughtUp.failures()).isTrue();
        assertThat(WarehouseRows.modeOf(caughtUp.lastBuild(), "int_sessions")).startsWith("delete+insert");
        assertTablesEqualAFullRebuild("after a failed build and a new file");

        // S2 once more, days later: its two earlier sessions (its October 1 events were all of P2, now left out)
        // are kept as they are and the new one is the third, S2_timeout_2, sessionized from the new day alone;
        // S4 goes on within the hour after midnight, across two files.
        write("2019-10-09.csv",
                row("2019-10-08 23:50:00", "view", 7, 15, "kids.toys", "lego", "30.00", 10, S4),
                row("2019-10-09 00:20:00", "cart", 7, 15, "kids.toys", "lego", "30.00", 10, S4));
        write("2019-10-10.csv",
                row("2019-10-09 01:10:00", "purchase", 7, 15, "kids.toys", "lego", "30.00", 10, S4),
                row("2019-10-10 09:00:00", "view", 6, 14, "sport.bike", "trek", "300.00", 7, S2));
        incrementalRun();
        assertThat(warehouse.query("SELECT session_id FROM marts.fct_sessions WHERE session_id LIKE '" + S2
                + "%' ORDER BY session_start_time").stream().map(row -> row.get("session_id").toString()).toList())
                .containsExactly(S2, S2 + "_timeout_1", S2 + "_timeout_2");
        assertThat(count("(SELECT * FROM marts.fct_sessions WHERE session_id LIKE '" + S4 + "%' AND event_count = 3)"))
                .as("S4's events from 23:50 to 01:10, in two files, are one session").isEqualTo(1);
        assertTablesEqualAFullRebuild("after an id reused again and a session across midnight");

        // A session changing hands: S6 is user 13's late on October 11; after midnight user 8 goes on in it, and
        // the session's user becomes '8' (max as text). User 13, with no event on the new day, loses a session:
        // the incremental dim_users must recompute them too.
        write("2019-10-11.csv",
                row("2019-10-11 22:30:00", "view", 2, 10, "electronics.phone", "x", "10.00", 13, S6),
                row("2019-10-11 23:50:00", "view", 3, 11, "", "c", "5.50", 13, S6));
        // Meanwhile an older session breaks the singular test's rule. The test reads tested_rows('int_sessions'):
        // the new day's build checks the sessions it changed and publishes; ./estore test, on every row, finds it.
        Object purchases = warehouse.query("SELECT purchase_count FROM marts.fct_sessions WHERE session_id = '" + S3
                + "'").get(0).get("purchase_count");
        warehouse.executeAtomically(List.of("UPDATE intermediate.int_sessions SET purchase_count = event_count + 1"
                + " WHERE session_id = '" + S3 + "'"));
        incrementalRun();
        assertThat(runner.test(List.of("int_sessions")).get("int_sessions"))
                .filteredOn(result -> result.test().equals("singular(assert_sessions_count_their_events)"))
                .extracting(result -> result.passed() + ":" + result.failingRows()).containsExactly("false:1");
        warehouse.executeAtomically(List.of("UPDATE intermediate.int_sessions SET purchase_count = " + purchases
                + " WHERE session_id = '" + S3 + "'"));
        // The same day, category 11 (P3's) gets a code on another product's event: P3, with no event that day,
        // must show it.
        write("2019-10-12.csv", row("2019-10-12 00:30:00", "cart", 7, 15, "kids.toys", "lego", "30.00", 8, S6),
                row("2019-10-12 09:00:00", "view", 8, 11, "kids.dolls", "z", "3.00", 14, S7));
        RunSummary handedOver = pipeline.run(List.of(bucket), Duration.ofMinutes(2));
        assertThat(handedOver.succeeded()).as("%s", handedOver.failures()).isTrue();
        assertThat(WarehouseRows.modeOf(handedOver.lastBuild(), "dim_users")).startsWith("fold of 1 day(s)");
        assertThat(warehouse.query("SELECT session_count FROM marts.dim_users WHERE user_id = '13'"))
                .as("user 13's only session is now user 8's").containsExactly(java.util.Map.of("session_count", 0L));
        assertThat(WarehouseRows.modeOf(handedOver.lastBuild(), "dim_products")).startsWith("fold of 1 day(s)");
        assertThat(warehouse.query("SELECT category_code FROM marts.dim_products WHERE product_id = '3'"))
                .containsExactly(java.util.Map.of("category_code", "kids.dolls"));
        assertTablesEqualAFullRebuild("after a session changed hands and a category got its code");

        // A session across two midnights and three files: user 16's, every 50 minutes from October 13, 22:30 on;
        // its last event, after the second midnight, is user 9's, and the session changes hands a day after it was
        // first rebuilt: int_user_sessions must not have counted it as final for user 16 in between.
        String s8 = "88888888-8888-8888-8888-888888888888";
        java.util.Map<String, List<String>> byDay = new java.util.TreeMap<>();
        for (java.time.LocalDateTime time = java.time.LocalDateTime.of(2019, 10, 13, 22, 30);
                !time.isAfter(java.time.LocalDateTime.of(2019, 10, 15, 0, 30)); time = time.plusMinutes(50)) {
            long user = time.toLocalDate().getDayOfMonth() == 15 ? 9 : 16;
            byDay.computeIfAbsent(time.toLocalDate().toString(), day -> new ArrayList<>()).add(row(
                    time.toString().replace('T', ' ') + ":00", "view", 7, 15, "kids.toys", "lego", "30.00", user, s8));
        }
        for (var day : byDay.entrySet()) {
            write(day.getKey() + ".csv", day.getValue().toArray(String[]::new));
            incrementalRun();
        }
        assertThat(warehouse.query("SELECT user_id FROM marts.fct_sessions WHERE session_id = '" + s8 + "'"))
                .as("one session, now user 9's").containsExactly(java.util.Map.of("user_id", "9"));
        assertThat(warehouse.query("SELECT session_count FROM marts.dim_users WHERE user_id = '16'"))
                .containsExactly(java.util.Map.of("session_count", 0L));
        assertTablesEqualAFullRebuild("after a session across two midnights changed hands");
    }

    /** Runs the pipeline on the bucket; returns how fct_events was built (the run is kept in lastRun). */
    private String incrementalRun() throws Exception {
        RunSummary run = pipeline.run(List.of(bucket), Duration.ofMinutes(2));
        assertThat(run.succeeded()).as("%s", run.failures()).isTrue();
        lastRun = run;
        return WarehouseRows.modeOf(run.lastBuild(), "fct_events");
    }

    private void write(String name, String... rows) throws Exception {
        Path file = bucket.resolve(name);
        Files.writeString(file, HEADER + "\n" + String.join("\n", rows) + "\n");
        // a new generation even within the file system's timestamp resolution
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(Files.list(bucket).count())));
    }

    private static String row(String time, String type, long product, long category, String code, String brand,
            String price, long user, String session) {
        return String.join(",", time + " UTC", type, String.valueOf(product), String.valueOf(category), code, brand,
                price, String.valueOf(user), session);
    }

    private long count(String relation) {
        return WarehouseRows.count(warehouse, relation);
    }
}
