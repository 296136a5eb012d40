package dev.estore.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.shared.ports.Warehouse.ColumnInfo;
import dev.estore.shared.ports.Warehouse.ValueKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.estore.shared.ports.WarehouseReads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB warehouse's catalog documentation and its write-audit-publish in one transaction. */
class DuckDbWarehouseTest {

    @TempDir
    Path dir;
    DuckDbDatabase database;
    DuckDbWarehouse warehouse;

    @BeforeEach
    void warehouse() {
        database = TestDatabases.in(dir);
        warehouse = new DuckDbWarehouse(database);
        warehouse.ensureSchemas(List.of("marts"));
        warehouse.executeAtomically(List.of("CREATE TABLE marts.t AS SELECT 1::BIGINT AS id, 'a' AS name, "
                + "1.5::DECIMAL(18,2) AS price, DATE '2019-10-01' AS d, TIMESTAMP '2019-10-01 00:00:04' AS at, "
                + "true AS ok, 0.5::DOUBLE AS share", "CREATE VIEW marts.v AS SELECT id FROM marts.t"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void readsCountTheRowsScannedSoThatADayFilterOnADaySortedTableReadsLess() {
        warehouse.executeAtomically(List.of("CREATE TABLE marts.days AS SELECT DATE '2019-10-01' + (i // 100000)::INT "
                + "AS d, i FROM range(1000000) t(i) ORDER BY d"));

        WarehouseReads before = warehouse.readsSoFar();
        warehouse.query("SELECT sum(i) FROM marts.days");
        WarehouseReads all = warehouse.readsSoFar().minus(before);
        warehouse.query("SELECT sum(i) FROM marts.days WHERE d = DATE '2019-10-05'");
        WarehouseReads oneDay = warehouse.readsSoFar().minus(before).minus(all);

        assertThat(all.rows()).isEqualTo(1_000_000L);
        assertThat(oneDay.rows()).isPositive().isLessThan(all.rows() / 4); // row groups of other days skipped
        assertThat(all.bytes()).isNotNull();
    }

    @Test
    void aLaidOutWriteComesByDayWithEachClusterValuesRowsTogether() {
        warehouse.executeAtomically(List.of(new DuckDbDialect().createOrReplaceTable("marts.laid_out",
                "SELECT DATE '2019-10-01' + (i % 3)::INT AS d, 'user-' || (i % 7) AS user_id, i FROM range(2100) t(i)",
                "d", List.of("user_id"))));

        List<Map<String, Object>> rows = warehouse.query("SELECT CAST(d AS VARCHAR) AS d, user_id FROM marts.laid_out "
                + "ORDER BY rowid");
        List<String> runs = new java.util.ArrayList<>();
        for (Map<String, Object> row : rows) {
            String run = row.get("d") + " " + row.get("user_id");
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(run)) {
                runs.add(run);
            }
        }
        // 3 days x 7 users, each (day, user) in one run of rows, days in order
        assertThat(runs).hasSize(21).doesNotHaveDuplicates();
        assertThat(runs.stream().map(run -> run.substring(0, 10)).toList()).isSorted();
    }

    @Test
    void documentsTablesViewsAndColumnsInTheCatalog() {
        warehouse.documentRelation("marts", "t", "A table's story", Map.of("name", "It's a name", "gone", "x"));
        warehouse.documentRelation("marts", "v", "A view", Map.of("id", "The id"));

        assertThat(warehouse.describeColumns("marts", "t")).containsExactly(
                new ColumnInfo("id", "BIGINT", ValueKind.INTEGER, null),
                new ColumnInfo("name", "VARCHAR", ValueKind.TEXT, "It's a name"),
                new ColumnInfo("price", "DECIMAL(18,2)", ValueKind.DECIMAL, null),
                new ColumnInfo("d", "DATE", ValueKind.DATE, null),
                new ColumnInfo("at", "TIMESTAMP", ValueKind.TIMESTAMP, null),
                new ColumnInfo("ok", "BOOLEAN", ValueKind.BOOLEAN, null),
                new ColumnInfo("share", "DOUBLE", ValueKind.FLOAT, null));
        assertThat(warehouse.describeColumns("marts", "v")).extracting(ColumnInfo::description)
                .containsExactly("The id");
        assertThat(warehouse.query("SELECT comment FROM duckdb_tables() WHERE table_name = 't'").get(0))
                .containsEntry("comment", "A table's story");
    }

    @Test
    void aFailedAuditLeavesThePublishedTableAsItWas() {
        assertThatThrownBy(() -> warehouse.writeAuditPublish("marts", "t", audit -> {
            audit.startFromPublished();
            audit.statements().execute("CREATE OR REPLACE TABLE " + audit.relation() + " AS SELECT 2 AS id");
            throw new IllegalStateException("audit failed");
        })).hasMessage("audit failed");

        assertThat(warehouse.query("SELECT id FROM marts.t")).containsExactly(Map.of("id", 1L));

        long rows = warehouse.writeAuditPublish("marts", "t", audit -> {
            audit.statements().execute("CREATE OR REPLACE TABLE " + audit.relation() + " AS SELECT 3::BIGINT AS id");
            return ((Number) audit.statements().query("SELECT count(*) AS n FROM " + audit.relation()).get(0)
                    .get("n")).longValue();
        });
        assertThat(rows).isEqualTo(1);
        assertThat(warehouse.query("SELECT id FROM marts.t")).containsExactly(Map.of("id", 3L));
    }

    @Test
    void aTableBecomesAViewAndAViewATableInTheWorksTransaction() {
        warehouse.writeAuditPublish("marts", "t", audit -> {
            audit.makeWayFor(true);
            audit.statements().execute("CREATE OR REPLACE VIEW " + audit.relation() + " AS SELECT 4::BIGINT AS id");
            return null;
        });
        assertThat(warehouse.query("SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 't'"))
                .containsExactly(Map.of("n", 1L));
        assertThat(warehouse.query("SELECT id FROM marts.t")).containsExactly(Map.of("id", 4L));

        // a failing work after making way keeps the view as it was: the drop rolls back with it
        assertThatThrownBy(() -> warehouse.writeAuditPublish("marts", "v", audit -> {
            audit.makeWayFor(false);
            throw new IllegalStateException("write failed");
        })).hasMessage("write failed");
        assertThat(warehouse.query("SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'v'"))
                .containsExactly(Map.of("n", 1L));

        warehouse.writeAuditPublish("marts", "v", audit -> {
            audit.makeWayFor(false);
            audit.statements().execute("CREATE OR REPLACE TABLE " + audit.relation() + " AS SELECT 5::BIGINT AS id");
            return null;
        });
        assertThat(warehouse.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'v'"))
                .containsExactly(Map.of("n", 1L));
        assertThat(warehouse.query("SELECT id FROM marts.v")).containsExactly(Map.of("id", 5L));
    }

    @Test
    void aRolledBackTransactionReturnsWhatTheWorkSawAndLeavesNothing() {
        long seen = warehouse.inRolledBackTransaction(transaction -> {
            transaction.execute("CREATE TABLE marts.preview AS SELECT 7 AS id");
            return ((Number) transaction.query("SELECT count(*) AS n FROM marts.preview").get(0).get("n")).longValue();
        });

        assertThat(seen).isEqualTo(1);
        assertThat(warehouse.relationExists("marts", "preview")).isFalse();
    }
}
