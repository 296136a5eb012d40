package dev.estore.snapshot.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.snapshot.TestWarehouses;
import dev.estore.snapshot.definition.SnapshotDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCD Type 2 runs of a small people table on DuckDB. */
class SnapshotExecutorTest {

    static final TimestampLiteral T1 = TimestampLiteral.of(Instant.parse("2026-01-04T01:00:00.123456Z"));
    static final TimestampLiteral T2 = TimestampLiteral.of(Instant.parse("2026-01-11T01:00:00Z"));
    static final TimestampLiteral T3 = TimestampLiteral.of(Instant.parse("2026-01-18T01:00:00Z"));

    @TempDir
    Path dir;
    DuckDbDatabase database;
    DuckDbWarehouse warehouse;
    SnapshotExecutor executor;

    @BeforeEach
    void createPeople() {
        database = TestWarehouses.database(dir);
        warehouse = TestWarehouses.warehouse(database);
        executor = new SnapshotExecutor(warehouse);
        warehouse.executeAtomically(List.of("CREATE SCHEMA marts", """
                CREATE TABLE marts.people (id VARCHAR, segment VARCHAR, score INTEGER, note VARCHAR,
                                           changed_at TIMESTAMP)""", """
                INSERT INTO marts.people VALUES
                    ('1', 'gold', 10, 'a', TIMESTAMP '2026-01-01 00:00:00'),
                    ('2', 'silver', 5, 'b', TIMESTAMP '2026-01-01 00:00:00'),
                    ('3', NULL, NULL, 'c', NULL)"""));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theFirstRunGivesEveryKeyACurrentVersion() throws Exception {
        SnapshotExecutor.Result result = executor.run(people(), T1);

        assertThat(result.changes()).isEqualTo(new Changes(3, 0, 0, 0, 0, 0));
        assertThat(result.relation()).isEqualTo("snapshots.snap_people");
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.currentRows()).isEqualTo(3);
        List<Map<String, Object>> rows = table();
        assertThat(rows).extracting(row -> row.get("id")).containsExactly("1", "2", "3");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("valid_from")).isEqualTo(T1.instant());
            assertThat(row.get("updated_at")).isEqualTo(T1.instant());
            assertThat(row.get("valid_to")).isNull();
        });
        assertThat(rows.get(0)).containsEntry("segment", "gold").containsEntry("score", 10).containsEntry("note", "a");
        // scd_id: md5 of the key and the run time's text, computable outside the warehouse
        assertThat(rows.get(0).get("scd_id")).isEqualTo(md5("1|2026-01-04 01:00:00.123456"));
        assertThat(warehouse.columnsOf("snapshots", "snap_people")).containsExactly("id", "segment", "score", "note",
                "changed_at", "scd_id", "updated_at", "valid_from", "valid_to");
    }

    @Test
    void aRerunOnUnchangedDataChangesNothing() {
        executor.run(people(), T1);
        List<Map<String, Object>> before = table();

        SnapshotExecutor.Result again = executor.run(people(), T2);

        assertThat(again.changes()).isEqualTo(new Changes(0, 0, 0, 0, 0, 3));
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void aChangedCheckedColumnClosesTheCurrentVersionAndInsertsANewOne() {
        executor.run(people(), T1);
        source("UPDATE marts.people SET segment = 'platinum' WHERE id = '1'",
                "UPDATE marts.people SET note = 'not checked' WHERE id = '2'");

        SnapshotExecutor.Result result = executor.run(people(), T2);

        assertThat(result.changes()).isEqualTo(new Changes(0, 0, 1, 0, 0, 2));
        assertThat(versions("1")).extracting(row -> row.get("segment"), row -> row.get("valid_from"),
                row -> row.get("valid_to")).containsExactly(
                        tuple("gold", T1.instant(), T2.instant()),
                        tuple("platinum", T2.instant(), null));
        // an unchecked column is not a change: the version keeps the value it started with
        assertThat(versions("2")).singleElement().satisfies(row -> assertThat(row.get("note")).isEqualTo("b"));
        assertThat(result.rows()).isEqualTo(4);
        assertThat(result.currentRows()).isEqualTo(3);
    }

    @Test
    void nullToValueAndValueToNullAreChangesAndNullToNullIsNot() {
        source("INSERT INTO marts.people VALUES ('4', 'bronze', 1, 'd', NULL)");
        executor.run(people(), T1);
        // 3: segment NULL -> value; 4: segment value -> NULL; 3 and 4 keep score NULL/1; 1 and 2 untouched
        source("UPDATE marts.people SET segment = 'gold' WHERE id = '3'",
                "UPDATE marts.people SET segment = NULL WHERE id = '4'");

        SnapshotExecutor.Result result = executor.run(people(), T2);

        assertThat(result.changes()).isEqualTo(new Changes(0, 0, 2, 0, 0, 2));
        assertThat(versions("3")).extracting(row -> row.get("segment")).containsExactly(null, "gold");
        assertThat(versions("4")).extracting(row -> row.get("segment")).containsExactly("bronze", null);

        // NULL -> NULL (id 4's segment, id 3's score) is no change
        assertThat(executor.run(people(), T3).changes()).isEqualTo(new Changes(0, 0, 0, 0, 0, 4));
    }

    @Test
    void aVanishedKeyIsClosedWhenInvalidating() {
        executor.run(people(), T1);
        source("DELETE FROM marts.people WHERE id = '2'");

        SnapshotExecutor.Result result = executor.run(people(), T2);

        assertThat(result.changes()).isEqualTo(new Changes(0, 0, 0, 1, 0, 2));
        assertThat(versions("2")).singleElement().satisfies(row -> {
            assertThat(row.get("valid_from")).isEqualTo(T1.instant());
            assertThat(row.get("valid_to")).isEqualTo(T2.instant());
        });
        assertThat(result.currentRows()).isEqualTo(2);
    }

    @Test
    void aVanishedKeyStaysCurrentWithoutInvalidating() {
        SnapshotDefinition keep = TestWarehouses.people(false);
        executor.run(keep, T1);
        List<Map<String, Object>> before = table();
        source("DELETE FROM marts.people WHERE id = '2'");

        SnapshotExecutor.Result result = executor.run(keep, T2);

        assertThat(result.changes()).isEqualTo(new Changes(0, 0, 0, 0, 1, 2));
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void aKeyThatComesBackGetsANewVersion() {
        executor.run(people(), T1);
        source("DELETE FROM marts.people WHERE id = '2'");
        executor.run(people(), T2);
        source("INSERT INTO marts.people VALUES ('2', 'silver', 5, 'b', NULL)");

        SnapshotExecutor.Result result = executor.run(people(), T3);

        assertThat(result.changes()).isEqualTo(new Changes(0, 1, 0, 0, 0, 2));
        assertThat(versions("2")).extracting(row -> row.get("valid_from"), row -> row.get("valid_to"))
                .containsExactly(tuple(T1.instant(), T2.instant()),
                        tuple(T3.instant(), null));
        assertNoOverlapAndOneCurrentVersionPerKey();
    }

    @Test
    void theTimestampStrategyVersionsARowWhenItsUpdateTimeIsNewer() {
        SnapshotDefinition byTime = TestWarehouses.peopleByTime();
        assertThat(executor.run(byTime, T1).changes()).isEqualTo(new Changes(3, 0, 0, 0, 0, 0));
        // a newer time is a change; other columns changing without it are not; NULL -> time is a change
        source("UPDATE marts.people SET segment = 'platinum', changed_at = TIMESTAMP '2026-01-05 00:00:00' "
                        + "WHERE id = '1'",
                "UPDATE marts.people SET segment = 'bronze' WHERE id = '2'",
                "UPDATE marts.people SET changed_at = TIMESTAMP '2026-01-06 00:00:00' WHERE id = '3'");

        SnapshotExecutor.Result result = executor.run(byTime, T2);

        assertThat(result.changes()).isEqualTo(new Changes(0, 0, 2, 0, 0, 1));
        List<Map<String, Object>> one = warehouse.query(
                "SELECT * FROM snapshots.snap_people_time WHERE id = '1' ORDER BY valid_from");
        assertThat(one).extracting(row -> row.get("segment"), row -> row.get("updated_at"),
                row -> row.get("valid_to")).containsExactly(
                        tuple("gold", Instant.parse("2026-01-01T00:00:00Z"),
                                T2.instant()),
                        tuple("platinum", Instant.parse("2026-01-05T00:00:00Z"), null));
        assertThat(executor.run(byTime, T3).changes()).isEqualTo(new Changes(0, 0, 0, 0, 0, 3));
    }

    @Test
    void aFailureBetweenClosingAndInsertingLeavesThePreviousState() {
        executor.run(people(), T1);
        source("UPDATE marts.people SET segment = 'platinum' WHERE id = '1'", "DELETE FROM marts.people WHERE id = '2'",
                "INSERT INTO marts.people VALUES ('9', 'new', 1, 'z', NULL)");
        List<Map<String, Object>> before = table();
        SnapshotExecutor crashing = new SnapshotExecutor(warehouse, definition -> {
            // the closes happened inside the transaction...
            throw new IllegalStateException("simulated crash after closing the versions of " + definition.name());
        });

        assertThatThrownBy(() -> crashing.run(people(), T2)).hasMessageContaining("simulated crash");

        // ...and are gone with it
        assertThat(table()).isEqualTo(before);
        assertThat(executor.run(people(), T2).changes()).isEqualTo(new Changes(1, 0, 1, 1, 0, 1));
    }

    @Test
    void aMissingSourceOrColumnIsNamed() {
        source("DROP TABLE marts.people");
        assertThatThrownBy(() -> executor.run(people(), T1)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("marts.people does not exist yet").hasMessageContaining("snap_people.yml");
        assertThat(warehouse.relationExists("snapshots", "snap_people")).isFalse();

        source("CREATE TABLE marts.people (id VARCHAR, grade VARCHAR, score INTEGER)");
        assertThatThrownBy(() -> executor.run(people(), T1)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("has no column(s) [segment]");
    }

    @Test
    void aSourceThatIsNotUniqueOnItsKeyIsRefused() {
        executor.run(people(), T1);
        List<Map<String, Object>> before = table();
        source("INSERT INTO marts.people VALUES ('1', 'other', 1, 'x', NULL)",
                "INSERT INTO marts.people VALUES (NULL, 'other', 1, 'x', NULL)");

        assertThatThrownBy(() -> executor.run(people(), T2)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("not unique on [id]").hasMessageContaining("1 duplicated key(s)")
                .hasMessageContaining("1 row(s) with a NULL key");
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void aRunMustComeAfterThePreviousOne() {
        executor.run(people(), T2);
        source("UPDATE marts.people SET segment = 'platinum' WHERE id = '1'");

        assertThatThrownBy(() -> executor.run(people(), T1)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("at or after this run's time");
        assertThatThrownBy(() -> executor.run(people(), T2)).isInstanceOf(SnapshotException.class);
    }

    @Test
    void aCarryAllSnapshotKeepsTheColumnsItsTableHasWhenTheSourceGrows() {
        executor.run(people(), T1);
        source("ALTER TABLE marts.people ADD COLUMN extra INTEGER");

        SnapshotExecutor.Result result = executor.run(people(), T2);

        assertThat(result.changes().unchanged()).isEqualTo(3);
        assertThat(warehouse.columnsOf("snapshots", "snap_people")).doesNotContain("extra");
    }

    private void assertNoOverlapAndOneCurrentVersionPerKey() {
        assertThat(warehouse.query("""
                SELECT count(*) AS n FROM snapshots.snap_people a JOIN snapshots.snap_people b
                  ON a.id = b.id AND a.scd_id <> b.scd_id
                 AND a.valid_from < coalesce(b.valid_to, TIMESTAMP '9999-12-31')
                 AND b.valid_from < coalesce(a.valid_to, TIMESTAMP '9999-12-31')""").get(0).get("n")).isEqualTo(0L);
        assertThat(warehouse.query("SELECT count(*) AS n FROM (SELECT id FROM snapshots.snap_people "
                + "WHERE valid_to IS NULL GROUP BY id HAVING count(*) > 1) AS d").get(0).get("n")).isEqualTo(0L);
    }

    private static SnapshotDefinition people() {
        return TestWarehouses.people(true);
    }

    private void source(String... statements) {
        warehouse.executeAtomically(List.of(statements));
    }

    private List<Map<String, Object>> table() {
        return warehouse.query("SELECT * FROM snapshots.snap_people ORDER BY id, valid_from");
    }

    private List<Map<String, Object>> versions(String id) {
        return warehouse.query("SELECT * FROM snapshots.snap_people WHERE id = ? ORDER BY valid_from", id);
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
