package dev.estore.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.shared.ports.Warehouse.ColumnInfo;
import dev.estore.shared.ports.Warehouse.ValueKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbWarehouseCatalogTest {

    @TempDir
    Path folder;

    @Test
    void describesColumnsWithPortableKindsAndStoredDescriptions() {
        DuckDbWarehouse warehouse = new DuckDbWarehouse(TestDatabases.in(folder));
        warehouse.executeAtomically(List.of("CREATE SCHEMA marts",
                "CREATE TABLE marts.t (id BIGINT, amount DECIMAL(18,2), ratio DOUBLE, name VARCHAR, day DATE, "
                        + "seen_at TIMESTAMP, flag BOOLEAN, blob_col BLOB)",
                "CREATE VIEW marts.v AS SELECT id, name FROM marts.t"));

        warehouse.documentRelation("marts", "t", "The table's text, with a 'quote'",
                Map.of("id", "The key", "name", "A name", "missing", "skipped: no such column"));
        warehouse.documentRelation("marts", "v", "A view", Map.of("name", "The view's name"));

        List<ColumnInfo> columns = warehouse.describeColumns("marts", "t");
        assertThat(columns).extracting(ColumnInfo::name).containsExactly("id", "amount", "ratio", "name", "day",
                "seen_at", "flag", "blob_col");
        assertThat(columns).extracting(ColumnInfo::kind).containsExactly(ValueKind.INTEGER, ValueKind.DECIMAL,
                ValueKind.FLOAT, ValueKind.TEXT, ValueKind.DATE, ValueKind.TIMESTAMP, ValueKind.BOOLEAN,
                ValueKind.OTHER);
        assertThat(columns.get(0).description()).isEqualTo("The key");
        assertThat(columns.get(1).description()).isNull();
        assertThat(columns.get(1).engineType()).isEqualTo("DECIMAL(18,2)");
        assertThat(warehouse.describeColumns("marts", "v")).extracting(ColumnInfo::description)
                .containsExactly(null, "The view's name");
        assertThat(warehouse.query("SELECT comment FROM duckdb_tables() WHERE table_name = 't'").get(0)
                .get("comment")).isEqualTo("The table's text, with a 'quote'");
        assertThat(warehouse.query("SELECT comment FROM duckdb_views() WHERE view_name = 'v'").get(0)
                .get("comment")).isEqualTo("A view");
        assertThat(warehouse.describeColumns("marts", "nothing")).isEmpty();
    }
}
