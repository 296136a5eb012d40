package dev.estore.transform.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.embedded.duckdb.FixedDuckDbConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeLedgerTest {

    @TempDir
    Path dir;
    DuckDbDatabase database;
    DuckDbWarehouse warehouse;

    @BeforeEach
    void ledger() {
        database = new DuckDbDatabase(FixedDuckDbConfig.of(dir.resolve("w.duckdb"), "512MB", 1));
        warehouse = new DuckDbWarehouse(database);
        // one file of 4 rows over two days, a replaced generation (its rows gone) over a third day
        warehouse.executeAtomically(List.of("CREATE SCHEMA raw",
                "CREATE TABLE raw.loads (load_id VARCHAR, status VARCHAR, rows_loaded BIGINT, "
                        + "min_event_time TIMESTAMP, max_event_time TIMESTAMP)",
                "INSERT INTO raw.loads VALUES ('l1', 'LOADED', 4, TIMESTAMP '2019-11-01 08:00:00', "
                        + "TIMESTAMP '2019-11-02 20:00:00'), ('l0', 'SUPERSEDED', 9, TIMESTAMP '2019-11-03 00:00:00', "
                        + "TIMESTAMP '2019-11-03 10:00:00')",
                "CREATE TABLE raw.events AS SELECT TIMESTAMP '2019-11-01 08:00:00' + INTERVAL (range) HOUR AS "
                        + "event_time FROM range(4)"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void eachLoadedFilesRowsAreSpreadOverItsDaysAndAReplacedGenerationsDaysWeighNothing() {
        assertThat(new ChangeLedger(warehouse).loadedEventsByDay()).containsExactly(
                java.util.Map.entry(LocalDate.parse("2019-11-01"), 2L),
                java.util.Map.entry(LocalDate.parse("2019-11-02"), 2L),
                java.util.Map.entry(LocalDate.parse("2019-11-03"), 0L));
    }

    @Test
    void rowsTheLedgerDoesNotAccountForLeaveTheDaysUnknown() {
        warehouse.executeAtomically(List.of("INSERT INTO raw.events VALUES (TIMESTAMP '2019-12-24 12:00:00')"));

        assertThat(new ChangeLedger(warehouse).loadedEventsByDay()).isEmpty();
    }
}
