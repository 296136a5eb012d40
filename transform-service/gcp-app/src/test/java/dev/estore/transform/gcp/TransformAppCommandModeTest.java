package dev.estore.transform.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cloud app started with arguments (./estore cloud compile ...) runs the command and exits, where without
 * them it serves. The warehouse is the test configuration's DuckDB stand-in, so the SQL is DuckDB's here; the
 * commands on BigQuery's dialect are proven offline (BigQueryCommandsOfflineTest).
 */
@QuarkusMainTest
@TestProfile(TransformAppCommandModeTest.NoBusNeeded.class)
class TransformAppCommandModeTest {

    /** compile and a refused build publish nothing: the bus is configured but never reached. */
    public static class NoBusNeeded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.google.cloud.pubsub.emulator-host", "localhost:1",
                    "quarkus.google.cloud.project-id", "test-project");
        }
    }

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
