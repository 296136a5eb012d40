package dev.estore.transform.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.embedded.duckdb.FixedDuckDbConfig;
import dev.estore.transform.project.Freshness;
import dev.estore.transform.project.ProjectLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freshness judges the time since the newest load against warn_after and error_after, and shows the newest event. */
class SourceFreshnessTest {

    static final Freshness DAY_AND_THREE = new Freshness(Duration.ofDays(1), Duration.ofDays(3));
    static final Instant LOADED = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;
    DuckDbDatabase database;
    DuckDbWarehouse warehouse;

    @BeforeEach
    void ledger() {
        database = new DuckDbDatabase(FixedDuckDbConfig.of(dir.resolve("w.duckdb"), "256MB", 1));
        warehouse = new DuckDbWarehouse(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theAgeOfTheNewestLoadPassesWarnsOrFails() {
        SourceFreshness freshness = new SourceFreshness(warehouse);
        assertThat(freshness.check(DAY_AND_THREE, LOADED).status()).as("no ledger yet")
                .isEqualTo(SourceFreshness.Status.ERROR);
        warehouse.executeAtomically(List.of("CREATE SCHEMA raw", "CREATE TABLE raw.loads (status VARCHAR, "
                + "finished_at TIMESTAMP, max_event_time TIMESTAMP)", "INSERT INTO raw.loads VALUES ('LOADED', "
                + "TIMESTAMP '2026-12-01 10:00:00', TIMESTAMP '2020-04-30 23:59:59'), ('FAILED', "
                + "TIMESTAMP '2026-12-02 10:00:00', NULL)"));

        SourceFreshness.Report fresh = freshness.check(DAY_AND_THREE, LOADED.plus(Duration.ofHours(5)));
        SourceFreshness.Report late = freshness.check(DAY_AND_THREE, LOADED.plus(Duration.ofDays(2)));
        SourceFreshness.Report stale = freshness.check(DAY_AND_THREE, LOADED.plus(Duration.ofDays(4)));

        assertThat(fresh.status()).isEqualTo(SourceFreshness.Status.PASS);
        assertThat(fresh.message()).isEqualTo("last load 5 hours ago; newest event 2020-04-30T23:59:59Z");
        assertThat(late.status()).isEqualTo(SourceFreshness.Status.WARN);
        assertThat(late.message()).contains("over warn_after 1 day");
        assertThat(stale.status()).isEqualTo(SourceFreshness.Status.ERROR);
        assertThat(stale.newestLoad()).as("a failed load is not a load").isEqualTo(LOADED);
    }

    @Test
    void theProjectDeclaresItsThresholdsAsDbtWritesThem() {
        assertThat(ProjectLoader.fromClasspath().freshness()).contains(DAY_AND_THREE);
    }
}
