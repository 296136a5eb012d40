package dev.estore.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratedFile;
import dev.estore.generator.GeneratorOptions;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.RunSummary;
import dev.estore.shared.ports.Warehouse;
import dev.estore.shared.work.WorkInProgress;
import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.RunHistory;
import dev.estore.transform.build.RunRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Loads seven monthly files one at a time, building after each (incremental models take in only what changed),
 * then rebuilds everything from scratch: every table must come out the same.
 */
@QuarkusTest
@TestProfile(FreshWarehouseProfile.class)
class IncrementalEqualsFullRebuildTest {

    static final List<String> MARTS = List.of("fct_events", "fct_sessions", "dim_categories", "dim_products",
            "dim_users", "dim_user_rfm", "metrics_churn");

    @Inject
    EmbeddedPipeline pipeline;
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
        Path root = Files.createTempDirectory("estore-incremental");
        List<GeneratedFile> months = new EventGenerator(
                new GeneratorOptions(40_000, 7, 11, root.resolve("all"), false, YearMonth.of(2019, 10)))
                .generate().files();
        List<String> fctEventsModes = new ArrayList<>();
        for (GeneratedFile month : months) {
            Path folder = Files.createDirectories(root.resolve("month-" + month.month()));
            Files.move(month.path(), folder.resolve(month.path().getFileName()));
            RunSummary run = pipeline.run(List.of(folder), Duration.ofMinutes(2));
            assertThat(run.succeeded()).as("run for %s: %s", month.month(), run.failures()).isTrue();
            fctEventsModes.add(WarehouseRows.modeOf(run.lastBuild(), "fct_events"));
        }
        assertThat(fctEventsModes.get(0)).startsWith("full");
        assertThat(fctEventsModes.subList(1, fctEventsModes.size())).allMatch(mode -> mode.startsWith("insert_overwrite"));
        warehouse.executeAtomically(MARTS.stream()
                .map(table -> "CREATE OR REPLACE TABLE main.incremental_" + table + " AS SELECT * FROM marts." + table)
                .toList());

        String runId = builds.submit(new BuildRequest(List.of(), true, List.of("test:full-refresh")));
        assertThat(work.awaitIdle(Duration.ofMinutes(2))).isTrue();
        RunRecord full = history.find(runId).orElseThrow();
        assertThat(full.status()).isEqualTo(RunRecord.Status.SUCCESS);
        assertThat(WarehouseRows.modeOf(full, "fct_events")).isEqualTo("full refresh");

        assertTablesEqual();
    }

    private void assertTablesEqual() {
        for (String table : MARTS) {
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
