package dev.estore.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.embedded.work.WorkInProgress;
import dev.estore.runner.fixture.SevenMonths;
import dev.estore.runner.fixture.SharedWarehouseProfile;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.TransformConfig;
import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.build.RunHistory;
import dev.estore.transform.build.RunRecord;
import dev.estore.transform.project.ModelProject;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
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
    @Inject
    ModelProject project;
    @Inject
    TransformConfig config;

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
        assertThat(WarehouseRows.modeOf(full, "stg_events_deduped")).startsWith("full refresh in ")
                .contains(" batches of days");

        assertTablesEqual();
    }

    /**
     * The shared warehouse's builds write stg_events_deduped in batches of days (its profile sets a
     * small estore.transform.batch-max-events): every mart comes out as from one statement per model, built here
     * into a target of its own (marts_unbatched) from the same raw events.
     */
    @Test
    void modelsWrittenInBatchesOfDaysEqualModelsWrittenInOneStatement() throws Exception {
        SevenMonths.built();
        assertThat(work.awaitIdle(Duration.ofMinutes(2))).isTrue();
        assertThat(WarehouseRows.modeOf(SevenMonths.built().months().get(0).run().lastBuild(), "stg_events_deduped"))
                .as("the first month's full build").contains(" batches of days");
        assertThat(WarehouseRows.modeOf(SevenMonths.built().lastRun().lastBuild(), "stg_events_deduped"))
                .as("the last month's incremental build").contains(" batches (");
        TransformConfig oneStatement = (TransformConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TransformConfig.class}, (proxy, method, args) -> method.getName()
                        .equals("batchMaxEvents") ? OptionalLong.empty() : method.invoke(config, args));

        RunRecord unbatched = new BuildRunner(project, warehouse, oneStatement)
                .forTarget("unbatched", project.buildOrder())
                .run("test-unbatched", BuildRequest.all("test:one-statement"));

        assertThat(unbatched.status()).isEqualTo(RunRecord.Status.SUCCESS);
        assertThat(WarehouseRows.modeOf(unbatched, "stg_events_deduped")).isEqualTo("full (new table)");
        for (String table : SevenMonths.MARTS) {
            assertThat(count("marts_unbatched." + table)).as("rows of %s", table).isEqualTo(count("marts." + table));
            WarehouseRows.assertSameRows(warehouse, "marts." + table, "marts_unbatched." + table,
                    "batched against one statement");
        }
    }

    private void assertTablesEqual() {
        for (String table : SevenMonths.MARTS) {
            long rows = count("marts." + table);
            assertThat(rows).as("rows of %s", table).isPositive();
            assertThat(count("main.incremental_" + table)).as("rows of incremental %s", table).isEqualTo(rows);
            WarehouseRows.assertSameRows(warehouse, "marts." + table, "main.incremental_" + table,
                    "full against incremental");
        }
    }

    private long count(String relation) {
        return WarehouseRows.count(warehouse, relation);
    }
}
