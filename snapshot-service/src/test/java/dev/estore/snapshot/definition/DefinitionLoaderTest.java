package dev.estore.snapshot.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionLoaderTest {

    @TempDir
    Path dir;

    @Test
    void thePackagedDefinitionsAreTheSpecsSnapshots() {
        SnapshotCatalog catalog = DefinitionLoader.fromClasspath();

        assertThat(catalog.names()).containsExactly("snap_user_rfm", "snap_user_status");
        SnapshotDefinition rfm = catalog.find("snap_user_rfm").orElseThrow();
        assertThat(rfm.source()).isEqualTo(new TableRef("marts", "dim_user_rfm"));
        assertThat(rfm.target()).isEqualTo(new TableRef("snapshots", "snap_user_rfm"));
        assertThat(rfm.uniqueKey()).containsExactly("user_id");
        assertThat(rfm.strategy()).isEqualTo(Strategy.CHECK);
        assertThat(rfm.checkCols()).containsExactly("rfm_segment", "rfm_score", "recency_score", "frequency_score",
                "monetary_score");
        assertThat(rfm.carriesAllColumns()).isTrue();
        assertThat(rfm.invalidateHardDeletes()).isTrue();
        assertThat(rfm.migrationColumn()).isEqualTo("rfm_segment");
        SnapshotDefinition status = catalog.find("snap_user_status").orElseThrow();
        assertThat(status.source()).isEqualTo(new TableRef("marts", "dim_users"));
        assertThat(status.checkCols()).containsExactly("activity_status", "is_churned", "customer_ltv",
                "purchase_count");
        assertThat(status.columns()).containsExactly("user_id", "activity_status", "is_churned", "customer_ltv",
                "purchase_count", "days_since_last_purchase");
        assertThat(status.migrationColumn()).isEqualTo("activity_status");
        assertThat(status.file()).isEqualTo("snapshots/snap_user_status.yml");
    }

    @Test
    void aNewFileIsANewSnapshotWithTheFolderDefaults() throws IOException {
        write("snapshots.yml", "defaults:\n  target_schema: history\n  invalidate_hard_deletes: false\n");
        write("snap_orders.yml", """
                source: marts.orders
                unique_key: [shop_id, order_id]
                strategy: timestamp
                updated_at: changed_at
                columns: [status]
                """);
        write("notes.txt", "not a definition");

        SnapshotDefinition orders = DefinitionLoader.fromDirectory(dir).find("snap_orders").orElseThrow();

        assertThat(orders.target()).isEqualTo(new TableRef("history", "snap_orders"));
        assertThat(orders.invalidateHardDeletes()).isFalse();
        assertThat(orders.strategy()).isEqualTo(Strategy.TIMESTAMP);
        assertThat(orders.updatedAt()).isEqualTo("changed_at");
        // the key is always carried
        assertThat(orders.columns()).containsExactly("shop_id", "order_id", "status");
    }

    @Test
    void checkColsAllComparesEveryCarriedColumn() throws IOException {
        write("snapshots.yml", "");
        write("snap_a.yml", "source: {schema: marts, table: a}\nunique_key: id\nstrategy: check\ncheck_cols: all\n");

        SnapshotDefinition a = DefinitionLoader.fromDirectory(dir).all().get(0);

        assertThat(a.checkAll()).isTrue();
        assertThat(a.target()).isEqualTo(new TableRef("snapshots", "snap_a"));
        assertThat(a.invalidateHardDeletes()).isTrue();
    }

    @Test
    void everyErrorNamesTheFileAndTheFix() throws IOException {
        write("snapshots.yml", "");
        String valid = "source: {schema: marts, table: a}\nunique_key: id\nstrategy: check\ncheck_cols: [x]\n";
        assertFails(valid.replace("strategy: check", "strategy: newest"), "strategy 'newest' is not one of check, "
                + "timestamp");
        assertFails(valid.replace("unique_key: id\n", ""), "unique_key is required");
        assertFails(valid.replace("check_cols: [x]\n", ""), "strategy check needs check_cols");
        assertFails(valid + "check_col: [y]\n", "unknown field 'check_col'");
        assertFails(valid.replace("source: {schema: marts, table: a}", "source: {schema: marts}"),
                "source needs both schema and table");
        assertFails(valid + "name: snap_b\n", "name 'snap_b' differs from the file name");
        assertFails(valid.replace("check_cols: [x]", "check_cols: [\"x; drop table y\"]"),
                "is not a plain identifier");
        assertFails(valid.replace("strategy: check", "strategy: timestamp"), "check_cols belongs to strategy check");
        assertFails(valid.replace("check_cols: [x]", "check_cols: [valid_to]"), "clashes with the snapshot's own");
        assertFails(valid + "invalidate_hard_deletes: sometimes\n", "invalidate_hard_deletes must be true or false");
        assertFails(valid + "columns: [x]\nmigration_column: y\n", "migration_column 'y' is not among");
        assertFails("source: [unclosed\n", "not valid YAML");
    }

    @Test
    void aFolderWithoutTheAnchorFileIsRefused() {
        assertThatThrownBy(() -> DefinitionLoader.fromDirectory(dir)).isInstanceOf(DefinitionException.class)
                .hasMessageContaining("No snapshots.yml in " + dir);
    }

    private void assertFails(String yaml, String message) throws IOException {
        write("snap_a.yml", yaml);
        assertThatThrownBy(() -> DefinitionLoader.fromDirectory(dir)).as(yaml)
                .isInstanceOf(DefinitionException.class)
                .hasMessageStartingWith(dir.resolve("snap_a.yml").toString() + ": ")
                .hasMessageContaining(message);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    @Test
    void twoDefinitionsCannotWriteOneTable() throws IOException {
        write("snapshots.yml", "");
        String body = "source: marts.a\nunique_key: id\nstrategy: check\ncheck_cols: [x]\n";
        write("snap_a.yml", body + "target: {schema: snapshots, table: shared}\n");
        write("snap_b.yml", body + "target: {schema: snapshots, table: shared}\n");

        assertThatThrownBy(() -> DefinitionLoader.fromDirectory(dir)).hasMessageContaining("snap_b.yml")
                .hasMessageContaining("already writes snapshots.shared");
    }
}
