package dev.estore.transform.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/**
 * The cloud app started with arguments (./estore cloud compile ...) runs the command and exits, where without
 * them it serves. The warehouse is the test configuration's DuckDB stand-in, so the SQL is DuckDB's here; the
 * commands on BigQuery's dialect are proven offline (BigQueryCommandsOfflineTest).
 */
@QuarkusMainTest
class TransformAppCommandModeTest {

    @Test
    @Launch({"compile", "--select", "fct_events", "--target-path", "target/command-mode-test"})
    void argumentsRunOneCommandAndExit(LaunchResult result) {
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("-- marts.fct_events (incremental").contains("from staging.stg_events");
    }

    @Test
    @Launch(value = {"build", "--warehouse", "data/warehouse.duckdb"}, exitCode = 2)
    void aDuckDbFileIsRefused(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("names a DuckDB file");
    }
}
