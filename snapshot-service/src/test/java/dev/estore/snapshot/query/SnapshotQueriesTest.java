package dev.estore.snapshot.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.snapshot.TestWarehouses;
import dev.estore.snapshot.definition.SnapshotDefinition;
import dev.estore.snapshot.run.SnapshotExecutor;
import dev.estore.snapshot.run.TimestampLiteral;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History and segment migrations of a snapshot taken on three days. */
class SnapshotQueriesTest {

    static final Instant DAY1 = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-01-02T10:00:00Z");
    static final Instant DAY3 = Instant.parse("2026-01-03T10:00:00Z");

    @TempDir
    Path dir;
    DuckDbDatabase database;
    DuckDbWarehouse warehouse;
    SnapshotQueries queries;
    final SnapshotDefinition people = TestWarehouses.people(true);

    @BeforeEach
    void threeDaysOfHistory() {
        database = TestWarehouses.database(dir);
        warehouse = TestWarehouses.warehouse(database);
        queries = new SnapshotQueries(warehouse);
        SnapshotExecutor executor = new SnapshotExecutor(warehouse);
        assertThat(queries.sizes(people)).isEmpty();
        warehouse.executeAtomically(List.of("CREATE SCHEMA marts",
                "CREATE TABLE marts.people (id VARCHAR, segment VARCHAR, score INTEGER)",
                "INSERT INTO marts.people VALUES ('1', 'gold', 3), ('2', 'silver', 2), ('3', NULL, 1)"));
        executor.run(people, TimestampLiteral.of(DAY1));
        // 1 moves up, 2 leaves, 4 arrives
        warehouse.executeAtomically(List.of("UPDATE marts.people SET segment = 'platinum' WHERE id = '1'",
                "DELETE FROM marts.people WHERE id = '2'", "INSERT INTO marts.people VALUES ('4', 'bronze', 1)"));
        executor.run(people, TimestampLiteral.of(DAY2));
        // 1 moves back, 3 and 4 move, 2 returns
        warehouse.executeAtomically(List.of("UPDATE marts.people SET segment = 'gold' WHERE id = '1'",
                "UPDATE marts.people SET segment = 'silver' WHERE id IN ('3', '4')",
                "INSERT INTO marts.people VALUES ('2', 'silver', 2)"));
        executor.run(people, TimestampLiteral.of(DAY3));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void migrationsCountTheKeysPresentAtBothDatesByValuePair() {
        Migrations migrations = queries.migrations(people, "segment", PointInTime.parse("from", "2026-01-01"),
                PointInTime.parse("to", "2026-01-03"));

        // present at both: 1 (gold -> gold), 2 (silver -> silver, back after a gap), 3 (NULL -> silver); 4 is new
        assertThat(migrations.keys()).isEqualTo(3);
        assertThat(migrations.moved()).isEqualTo(1);
        assertThat(migrations.transitions()).extracting(Migrations.Transition::from, Migrations.Transition::to,
                Migrations.Transition::count).containsExactlyInAnyOrder(tuple("gold", "gold", 1L),
                        tuple("silver", "silver", 1L), tuple(null, "silver", 1L));
        assertThat(migrations.transitions().stream().mapToLong(Migrations.Transition::count).sum())
                .isEqualTo(migrations.keys());
    }

    @Test
    void aVanishedKeyIsNotPresentAtTheLaterDate() {
        Migrations migrations = queries.migrations(people, "segment", DAY1, DAY2);

        assertThat(migrations.transitions()).extracting(Migrations.Transition::from, Migrations.Transition::to,
                Migrations.Transition::count).containsExactlyInAnyOrder(tuple("gold", "platinum", 1L),
                        tuple(null, null, 1L));
        assertThat(migrations.moved()).isEqualTo(1);
    }

    @Test
    void anInstantJustBeforeARunSeesThePreviousState() {
        Migrations migrations = queries.migrations(people, "segment", DAY2.minusNanos(1000), DAY2);

        assertThat(migrations.transitions()).extracting(Migrations.Transition::from, Migrations.Transition::to)
                .contains(tuple("gold", "platinum"));
        assertThat(queries.migrations(people, "segment", DAY1.minusSeconds(1), DAY3).keys()).isZero();
    }

    @Test
    void migrationsRefuseAReversedRangeAndAnUnknownColumn() {
        assertThatThrownBy(() -> queries.migrations(people, "segment", DAY3, DAY1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from (").hasMessageContaining(
                        "is after to");
        assertThatThrownBy(() -> queries.migrations(people, "valid_to", DAY1, DAY3))
                .hasMessageContaining("column 'valid_to' is not a carried column");
        assertThat(queries.migrations(people, "SCORE", DAY1, DAY3).keys()).isEqualTo(3);
    }

    @Test
    void historyListsAKeysVersionsOldestFirst() {
        assertThat(queries.history(people, List.of("1"))).extracting(row -> row.get("segment"),
                row -> row.get("valid_from"), row -> row.get("valid_to")).containsExactly(
                        tuple("gold", DAY1, DAY2), tuple("platinum", DAY2, DAY3), tuple("gold", DAY3, null));
        assertThat(queries.history(people, List.of("no-such-user"))).isEmpty();
        assertThatThrownBy(() -> queries.history(people, List.of("1", "2")))
                .hasMessageContaining("one value per unique_key column [id]");
        assertThat(queries.sizes(people)).contains(new SnapshotQueries.Sizes(9, 4));
    }
}
