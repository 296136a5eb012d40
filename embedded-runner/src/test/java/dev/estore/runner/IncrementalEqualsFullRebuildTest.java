package dev.estore.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.embedded.work.WorkInProgress;
import dev.estore.runner.fixture.SevenMonths;
import dev.estore.runner.fixture.SharedWarehouseProfile;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.RunHistory;
import dev.estore.transform.build.RunRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seven monthly files loaded one at a time, built after each (incremental models take in only what changed; the
 * last month also brings late days, see {@link SevenMonths}), then everything rebuilt from scratch: every table
 * must come out the same.
 */
@QuarkusTest
@TestProfile(SharedWarehouseProfile.class)
class IncrementalEqualsFullRebuildTest {

    @Inject
    Warehouse warehouse;
    @Inject
    BuildCoordinator builds;
    @Inject
    RunHistory history;
    @Inject
    WorkInProgress work;

    @Test
    void monthByMonthBuildsEndWhereAFullRebuildDoes() throws Exception {
        List<String> fctEventsModes = SevenMonths.built().months().stream()
                .map(month -> WarehouseRows.modeOf(month.run().lastBuild(), "fct_events")).toList();
        assertThat(fctEventsModes).hasSize(7);
        assertThat(fctEventsModes.get(0)).startsWith("full");
        assertThat(fctEventsModes.subList(1, fctEventsModes.size())).allMatch(mode -> mode.startsWith("insert_overwrite"));
        // SevenMonths copied the marts to main.incremental_* right after the last month, before any class could
        // rebuild them

        String runId = builds.submit(new BuildRequest(List.of(), true, List.of("test:full-refresh")));
        assertThat(work.awaitIdle(Duration.ofMinutes(2))).isTrue();
        RunRecord full = history.find(runId).orElseThrow();
        assertThat(full.status()).isEqualTo(RunRecord.Status.SUCCESS);
        assertThat(WarehouseRows.modeOf(full, "fct_events")).isEqualTo("full refresh");

        assertTablesEqual();
    }

    private void assertTablesEqual() {
        for (String table : SevenMonths.MARTS) {
            long rows = count("marts." + table);
            assertThat(rows).as("rows of %s", table).isPositive();
            assertThat(count("main.incremental_" + table)).as("rows of incremental %s", table).isEqualTo(rows);
            assertThat(WarehouseRows.onlyIn(warehouse, "marts." + table, "main.incremental_" + table))
                    .as("%s: full minus incremental", table).isZero();
            assertThat(WarehouseRows.onlyIn(warehouse, "main.incremental_" + table, "marts." + table))
                    .as("%s: incremental minus full", table).isZero();
        }
    }

    private long count(String relation) {
        return WarehouseRows.count(warehouse, relation);
    }
}
