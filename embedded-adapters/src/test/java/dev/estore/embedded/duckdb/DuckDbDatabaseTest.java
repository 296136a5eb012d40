package dev.estore.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbDatabaseTest {

    @TempDir
    Path folder;

    @Test
    void aCheckpointWritesTheLogIntoTheFileAndIsSkippedWhenThereIsNoLog() throws Exception {
        DuckDbDatabase database = new DuckDbDatabase(new FixedDuckDbConfig(folder.resolve("w.duckdb"),
                Optional.of("1GB"), Optional.empty(), Optional.of(1), "1GB"));
        try {
            assertThat(database.checkpoint()).as("not open yet: nothing is opened for it").isEmpty();
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t AS SELECT range AS id FROM range(1000)");
            }
            assertThat(database.walBytes()).as("under the 1GB threshold the change stays in the log").isPositive();

            assertThat(database.checkpoint()).isPresent();

            assertThat(database.walBytes()).isZero();
            assertThat(database.checkpoint()).as("nothing left to write").isEmpty();
        } finally {
            database.close();
        }
    }

    @Test
    void everyConnectionRunsWithoutTheOptimizersTheConfigurationTurnsOff() throws Exception {
        DuckDbDatabase database = TestDatabases.in(folder);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet setting = statement.executeQuery("SELECT current_setting('disabled_optimizers')")) {
            setting.next();
            assertThat(setting.getString(1)).isEqualTo("partitioned_execution");
        } finally {
            database.close();
        }
    }
}
