package dev.estore.transform.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.embedded.bus.InProcessEventBus;
import dev.estore.embedded.bus.RetryPolicy;
import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.embedded.duckdb.FixedDuckDbConfig;
import dev.estore.embedded.work.ObservedWork;
import dev.estore.embedded.work.WorkInProgress;
import dev.estore.shared.contracts.ModelsBuilt;
import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.transform.project.ModelProject;
import dev.estore.transform.quality.TestResult;
import dev.estore.transform.project.ProjectLoader;
import dev.estore.transform.testing.TestTransformConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds of a small model project on DuckDB: dependency order, write-audit-publish per model, skipping
 * downstream of a failure, and the messages a build sends.
 */
class BuildRunnerTest {

    @TempDir
    Path dir;
    DuckDbDatabase database;
    DuckDbWarehouse warehouse;

    @BeforeEach
    void project() throws IOException {
        write("project.yml", "sources:\n  raw: [numbers]\nvars:\n  limit: 100\n");
        write("staging/base.sql", "select n, n * 2 as doubled from {{ source('raw', 'numbers') }}");
        write("staging/base.yml", "description: The numbers, doubled.\nmaterialized: table\ncolumns:\n  n:\n"
                + "    description: A number.\n    tests: [not_null, unique]\n");
        write("marts/checked.sql", "select n, doubled from {{ ref('base') }}");
        write("marts/checked.yml", """
                materialized: table
                columns:
                  n:
                    tests:
                      - relationships: {to: base, field: n}
                tests:
                  - expression: doubled < 100
                """);
        write("marts/downstream.sql", "select count(*) as numbers from {{ ref('checked') }}");
        write("marts/independent.sql", "select {{ var('limit') }} as lim");
        write("marts/independent.yml", "materialized: table\n");
        database = new DuckDbDatabase(FixedDuckDbConfig.of(dir.resolve("w.duckdb"), "512MB", 1));
        warehouse = new DuckDbWarehouse(database);
        warehouse.executeAtomically(List.of("CREATE SCHEMA raw",
                "CREATE TABLE raw.numbers AS SELECT range AS n FROM range(1, 11)"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void storesTheModelDescriptionsInTheWarehouseCatalog() throws IOException {
        runner().run("run-docs", BuildRequest.all("test"));

        assertThat(warehouse.describeColumns("staging", "base")).extracting(column -> column.description())
                .containsExactly("A number.", null);
        assertThat(warehouse.query("SELECT comment FROM duckdb_tables() WHERE table_name = 'base'").get(0)
                .get("comment")).isEqualTo("The numbers, doubled.");
    }

    @Test
    void buildsEveryModelInDependencyOrderAndRunsItsTests() throws IOException {
        RunRecord run = runner().run("run-1", BuildRequest.all("test"));

        assertThat(run.status()).isEqualTo(RunRecord.Status.SUCCESS);
        assertThat(run.models()).extracting(ModelRun::model)
                .containsExactly("base", "checked", "downstream", "independent");
        assertThat(run.models()).extracting(ModelRun::rows).containsExactly(10L, 10L, -1L, 1L); // a view is not counted
        assertThat(run.tests()).extracting(test -> test.test()).contains("not_null(base.n)", "unique(base.n)",
                "relationships(checked.n -> base.n)", "expression(checked: doubled < 100)");
        assertThat(run.failedTests()).isEmpty();
    }

    @Test
    void aFailingWarnTestPublishesTheModelAndIsReportedAndStored() throws IOException {
        write("marts/checked.yml", """
                materialized: table
                tests:
                  - expression: {expression: doubled < 10, config: {severity: warn}}
                """);

        RunRecord run = runner().run("run-warn", BuildRequest.all("test"));

        assertThat(run.status()).isEqualTo(RunRecord.Status.SUCCESS);
        ModelRun checked = byModel(run).get("checked");
        assertThat(checked.status()).isEqualTo(ModelRun.Status.BUILT);
        assertThat(checked.tests()).singleElement().satisfies(test -> {
            assertThat(test.passed()).isFalse();
            assertThat(test.severity()).isEqualTo("warn");
            assertThat(test.failingRows()).isEqualTo(6);
        });
        assertThat(byModel(run).get("downstream").status()).isEqualTo(ModelRun.Status.BUILT);
        assertThat(warehouse.query("SELECT run_id, model, test, severity, failing_rows FROM ops.test_failures"))
                .containsExactly(java.util.Map.of("run_id", "run-warn", "model", "checked", "test",
                        "expression(checked: doubled < 10)", "severity", "warn", "failing_rows", 6L));
    }

    @Test
    void aSingularTestRunsInTheBuildOfTheLastModelItReadsAndFailsItWhenItReturnsRows() throws IOException {
        write("tests/assert_checked_matches_base.sql", "select c.n from {{ ref('base') }} as b "
                + "join {{ ref('checked') }} as c on b.n = c.n where c.doubled <> b.doubled");
        write("tests/assert_no_big_numbers.sql", "-- fails once numbers over 5 exist\n"
                + "select n from {{ ref('checked') }} where n > {{ var('limit') }} / 20");

        RunRecord run = runner().run("run-singular", BuildRequest.all("test"));

        ModelRun checked = byModel(run).get("checked");
        assertThat(checked.status()).isEqualTo(ModelRun.Status.FAILED);
        assertThat(checked.tests()).filteredOn(test -> test.test().startsWith("singular("))
                .extracting(test -> test.test() + ":" + test.passed() + ":" + test.failingRows())
                .containsExactlyInAnyOrder("singular(assert_checked_matches_base):true:0",
                        "singular(assert_no_big_numbers):false:5");
        assertThat(byModel(run).get("base").tests()).noneMatch(test -> test.test().startsWith("singular("));
        write("tests/assert_orphan.sql", "select 1 from {{ ref('nowhere') }}");
        assertThatThrownBy(this::runner).hasMessageContaining("tests/assert_orphan.sql").hasMessageContaining("nowhere");
    }

    @Test
    void aGenericTestFromTheTestsFolderIsAppliedLikeABuiltInWithItsArguments() throws IOException {
        write("tests/generic/at_most.sql", "select {{ column_name }} from {{ model }} where {{ column_name }} > {{ max }}");
        write("marts/checked.yml", """
                materialized: table
                columns:
                  doubled:
                    tests:
                      - at_most: {max: 20}
                      - at_most: {max: 15, config: {severity: warn}}
                """);

        RunRecord run = runner().run("run-generic", BuildRequest.all("test"));

        ModelRun checked = byModel(run).get("checked");
        assertThat(checked.status()).isEqualTo(ModelRun.Status.BUILT);
        assertThat(checked.tests()).extracting(test -> test.test() + ":" + test.passed() + ":" + test.severity() + ":"
                + test.failingRows()).containsExactly("at_most(checked.doubled):true:error:0",
                        "at_most(checked.doubled):false:warn:3");
        write("marts/checked.yml", "materialized: table\ncolumns:\n  doubled:\n    tests: [at_mots]\n");
        assertThatThrownBy(this::runner).hasMessageContaining("unknown test 'at_mots'");
    }

    @Test
    void aSeedIsATableOfItsCsvRowsThatModelsReadWithRef() throws IOException {
        write("seeds/tiers.csv", "tier,label,ratio,since\n1,small,0.5,2019-10-01\n2,\"it's big\",1.25,\n");
        write("seeds/tiers.yml", "description: Number tiers.\ncolumns:\n  tier:\n    tests: [not_null, unique]\n");
        write("marts/labelled.sql", "select b.n, t.label from {{ ref('base') }} as b join {{ ref('tiers') }} as t "
                + "on t.tier = case when b.n <= 5 then 1 else 2 end");
        write("marts/labelled.yml", "materialized: table\n");

        RunRecord run = runner().run("run-seed", BuildRequest.all("test"));

        assertThat(byModel(run).get("tiers").status()).isEqualTo(ModelRun.Status.BUILT);
        assertThat(byModel(run).get("tiers").tests()).hasSize(2).allMatch(test -> test.passed());
        assertThat(warehouse.describeColumns("seeds", "tiers")).extracting(column -> column.name() + ":"
                + column.kind()).containsExactly("tier:INTEGER", "label:TEXT", "ratio:FLOAT", "since:DATE");
        assertThat(warehouse.query("SELECT label, since FROM seeds.tiers ORDER BY tier")).extracting(row ->
                row.get("label") + "/" + row.get("since")).containsExactly("small/2019-10-01", "it's big/null");
        assertThat(warehouse.query("SELECT count(*) AS n FROM marts.labelled WHERE label = 'it''s big'").get(0)
                .get("n")).isEqualTo(5L);
        write("seeds/broken.csv", "a,b\n1\n");
        assertThatThrownBy(this::runner).hasMessageContaining("seeds/broken.csv").hasMessageContaining("line 2");
    }

    @Test
    void aUnitTestComparesTheModelsRowsOnGivenInputsWithoutTouchingItsTables() throws IOException {
        BuildRunner built = runner();
        built.run("run-before", BuildRequest.all("test"));
        write("marts/checked.yml", """
                materialized: table
                unit_tests:
                  - name: doubles
                    given:
                      - input: ref('base')
                        rows: [{n: 2, doubled: 4}, {n: 3, doubled: 6}]
                    expect:
                      rows: [{n: 2, doubled: 4}, {n: 3, doubled: 6}]
                  - name: wrong_on_purpose
                    given:
                      - input: ref('base')
                        rows: [{n: 2, doubled: 4}]
                    expect:
                      rows: [{n: 2, doubled: 5}]
                  - name: missing_input
                    given: []
                    expect:
                      rows: [{n: 1}]
                """);

        List<TestResult> results = runner().unitTests(List.of("checked"));

        assertThat(results).extracting(result -> result.test() + ":" + result.passed()).containsExactly(
                "unit(checked.doubles):true", "unit(checked.wrong_on_purpose):false", "unit(checked.missing_input):false");
        assertThat(results.get(1).sampleRows()).hasSize(2).anySatisfy(row -> assertThat(row)
                .containsKey("expected but not returned"));
        assertThat(results.get(2).sampleRows().get(0).get("error").toString()).contains("missing: [base]");
        assertThat(count("marts.checked")).as("the real tables are untouched").isEqualTo(10);
        assertThat(warehouse.relationExists("main", "unit_actual")).isFalse();
    }

    @Test
    void thresholdsAndWhereDecideBetweenPassWarnAndErrorAsDbtDoes() throws IOException {
        Map<String, String> outcomes = new java.util.LinkedHashMap<>();
        for (String config : List.of("{warn_if: \">3\", error_if: \">10\"}", "{warn_if: \">3\", error_if: \">5\"}",
                "{where: \"n < 5\"}", "{severity: warn, error_if: \">0\"}")) {
            write("marts/checked.yml", "materialized: table\ntests:\n  - expression: {expression: doubled < 10, "
                    + "config: " + config + "}\n");
            RunRecord run = runner().run("run-" + outcomes.size(), BuildRequest.all("test"));
            ModelRun checked = byModel(run).get("checked");
            outcomes.put(config, checked.status() + "/" + checked.tests().get(0).passed() + "/"
                    + checked.tests().get(0).severity() + "/" + checked.tests().get(0).failingRows());
        }

        // six rows fail (n = 5..10)
        assertThat(outcomes.values()).containsExactly("BUILT/false/warn/6", "FAILED/false/error/6",
                "BUILT/true/error/0", "BUILT/false/warn/6");
    }

    @Test
    void aFailingTestRollsTheModelBackAndSkipsWhatDependsOnIt() throws IOException {
        BuildRunner runner = runner();
        runner.run("run-1", BuildRequest.all("test"));
        warehouse.executeAtomically(List.of("INSERT INTO raw.numbers SELECT range FROM range(60, 70)"));

        RunRecord run = runner.run("run-2", BuildRequest.all("test"));

        assertThat(run.status()).isEqualTo(RunRecord.Status.FAILED);
        Map<String, ModelRun> byModel = byModel(run);
        assertThat(byModel.get("base").status()).isEqualTo(ModelRun.Status.BUILT);
        assertThat(byModel.get("base").rows()).isEqualTo(20);
        assertThat(byModel.get("checked").status()).isEqualTo(ModelRun.Status.FAILED);
        assertThat(byModel.get("checked").error()).contains("expression(checked: doubled < 100)")
                .contains("10 failing row(s)");
        assertThat(byModel.get("checked").tests()).filteredOn(test -> !test.passed()).singleElement()
                .satisfies(test -> assertThat(test.sampleRows()).hasSize(5));
        assertThat(byModel.get("downstream").status()).isEqualTo(ModelRun.Status.SKIPPED);
        assertThat(byModel.get("downstream").error()).contains("checked");
        assertThat(byModel.get("independent").status()).isEqualTo(ModelRun.Status.BUILT);
        assertThat(run.error()).contains("checked").contains("skipped downstream: [downstream]");
        // the previous tables are intact
        assertThat(count("marts.checked")).isEqualTo(10);
        assertThat(warehouse.query("SELECT numbers FROM marts.downstream").get(0).get("numbers")).isEqualTo(10L);
        // the failure is kept though the model's transaction was rolled back
        assertThat(warehouse.query("SELECT severity, failing_rows FROM ops.test_failures WHERE run_id = 'run-2'"))
                .containsExactly(Map.of("severity", "error", "failing_rows", 10L));
    }

    @Test
    void aModelWhoseSqlFailsKeepsItsPreviousTable() throws IOException {
        BuildRunner runner = runner();
        runner.run("run-1", BuildRequest.all("test"));
        warehouse.executeAtomically(List.of("ALTER TABLE raw.numbers RENAME COLUMN n TO m"));

        List<String> heard = new java.util.ArrayList<>();
        RunRecord run = runner.run("run-2", BuildRequest.all("test"),
                finished -> heard.add(finished.model() + ":" + finished.status()));

        // each model is told as it finishes, failed and skipped ones too (GET /runs/{id} shows them while it runs)
        assertThat(heard).isEqualTo(run.models().stream().map(model -> model.model() + ":" + model.status())
                .toList());
        assertThat(heard).contains("base:FAILED", "checked:SKIPPED");
        ModelRun base = byModel(run).get("base");
        assertThat(base.status()).isEqualTo(ModelRun.Status.FAILED);
        assertThat(base.error()).contains("models/staging/base.sql").contains("n");
        assertThat(count("staging.base")).isEqualTo(10);
        assertThat(byModel(run).get("checked").status()).isEqualTo(ModelRun.Status.SKIPPED);
    }

    @Test
    void aModelWhoseMaterializationChangesIsRebuiltAsItsNewKind() throws IOException {
        runner().run("as-view", BuildRequest.all("test"));
        assertThat(warehouse.isView("marts", "downstream")).isTrue();

        write("marts/downstream.yml", "materialized: table\n");
        assertThat(runner().run("as-table", BuildRequest.all("test")).status()).isEqualTo(RunRecord.Status.SUCCESS);
        assertThat(warehouse.isView("marts", "downstream")).isFalse();

        Files.delete(dir.resolve("models/marts/downstream.yml"));
        assertThat(runner().run("view-again", BuildRequest.all("test")).status()).isEqualTo(RunRecord.Status.SUCCESS);
        assertThat(warehouse.isView("marts", "downstream")).isTrue();

        write("marts/downstream.yml", "materialized: incremental\nunique_key: [numbers]\n");
        RunRecord incremental = runner().run("incremental", BuildRequest.all("test"));
        assertThat(incremental.status()).as(incremental.error()).isEqualTo(RunRecord.Status.SUCCESS);
        assertThat(byModel(incremental).get("downstream").mode()).isEqualTo("full (new table)");
        assertThat(warehouse.isView("marts", "downstream")).isFalse();
        assertThat(count("marts.downstream")).isEqualTo(1);
    }

    @Test
    void selectsAModelAndItsDescendants() throws IOException {
        BuildRunner runner = runner();
        assertThat(runner.selection(List.of("checked+"))).containsExactly("checked", "downstream");
        assertThat(runner.selection(List.of("independent"))).containsExactly("independent");
        assertThat(runner.selection(List.of())).hasSize(4);
    }

    @Test
    void aQueuedBuildCanBeCancelledAndARunningOneCannot() throws Exception {
        WorkInProgress work = new WorkInProgress();
        InProcessEventBus bus = oneAttemptBus(work);
        List<ModelsBuilt> built = new CopyOnWriteArrayList<>();
        bus.subscribe(Topics.MODELS_BUILT, "t-built", (message, delivery) -> built.add(message));
        RunHistory history = new RunHistory(TestTransformConfig.packagedModels(), warehouse);
        var slow = new TestTransformConfig(java.util.Map.of(), java.util.Optional.empty(), Duration.ofSeconds(30),
                Duration.ofMinutes(1), 10, false);
        BuildCoordinator coordinator = new BuildCoordinator(runner(), history, bus, new FailureReporter(bus),
                ObservedWork.countedBy(work), slow, new BuildMetrics(new SimpleMeterRegistry()));

        String queued = coordinator.submit(BuildRequest.all("load-1"));
        RunRecord cancelled = coordinator.cancel(queued).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(RunRecord.Status.CANCELLED);
        assertThat(history.find(queued).orElseThrow().status()).isEqualTo(RunRecord.Status.CANCELLED);
        assertThat(work.awaitIdle(Duration.ofSeconds(5))).as("a cancelled build is no work in progress").isTrue();
        assertThat(coordinator.cancel(queued)).as("only a queued build").isEmpty();
        assertThat(coordinator.hasQueuedBuild()).isFalse();
        assertThat(built).isEmpty();
        coordinator.stop();
    }

    @Test
    void pausedBuildsQueueAsOneThatStartsAtResumeAndIsNoWorkInProgressMeanwhile() throws Exception {
        WorkInProgress work = new WorkInProgress();
        InProcessEventBus bus = oneAttemptBus(work);
        List<ModelsBuilt> built = new CopyOnWriteArrayList<>();
        bus.subscribe(Topics.MODELS_BUILT, "t-built", (message, delivery) -> built.add(message));
        RunHistory history = new RunHistory(TestTransformConfig.packagedModels(), warehouse);
        BuildCoordinator coordinator = new BuildCoordinator(runner(), history, bus, new FailureReporter(bus),
                ObservedWork.countedBy(work), TestTransformConfig.packagedModels(), // 200 ms quiet period
                new BuildMetrics(new SimpleMeterRegistry()));

        coordinator.pause();
        String first = coordinator.submit(BuildRequest.all("load-1"));
        assertThat(work.awaitIdle(Duration.ofSeconds(5))).as("a paused build is no work in progress").isTrue();
        Thread.sleep(700); // well past the quiet period
        String second = coordinator.submit(BuildRequest.all("load-2"));

        assertThat(second).isEqualTo(first);
        assertThat(coordinator.paused()).isTrue();
        assertThat(coordinator.queuedRunId()).contains(first);
        assertThat(history.find(first).orElseThrow().status()).isEqualTo(RunRecord.Status.QUEUED);
        assertThat(built).isEmpty();

        coordinator.resume();
        assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(built).singleElement().satisfies(message -> {
            assertThat(message.runId()).isEqualTo(first);
            assertThat(message.trigger()).contains("load-1").contains("load-2");
        });
        assertThat(coordinator.queuedRunId()).isEmpty();

        String afterResume = coordinator.submit(BuildRequest.all("load-3"));
        assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(built).as("resumed: the quiet period applies again, then it builds").hasSize(2);
        assertThat(built.get(1).runId()).isEqualTo(afterResume);
        coordinator.stop();
    }

    @Test
    void atShutdownARunningBuildGetsItsGracePeriodAndNoQueuedBuildStarts() throws Exception {
        WorkInProgress work = new WorkInProgress();
        InProcessEventBus bus = oneAttemptBus(work);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        BuildRunner slow = new BuildRunner(ProjectLoader.fromDirectory(dir.resolve("models")), warehouse,
                TestTransformConfig.packagedModels()) {
            @Override
            public RunRecord run(String runId, BuildRequest request,
                    java.util.function.Consumer<ModelRun> progress) {
                started.countDown();
                try {
                    release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.run(runId, request, progress);
            }
        };
        RunHistory history = new RunHistory(TestTransformConfig.packagedModels(), warehouse);
        BuildCoordinator coordinator = new BuildCoordinator(slow, history, bus, new FailureReporter(bus),
                ObservedWork.countedBy(work), TestTransformConfig.packagedModels(),
                new BuildMetrics(new SimpleMeterRegistry()));

        String running = coordinator.submit(BuildRequest.all("load-1"));
        assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(coordinator.stopAndAwait(Duration.ofMillis(200))).as("still running after the wait").isFalse();
        coordinator.submit(BuildRequest.all("load-2"));
        release.countDown();
        assertThat(coordinator.stopAndAwait(Duration.ofSeconds(20))).isTrue();
        assertThat(history.find(running).orElseThrow().status()).isEqualTo(RunRecord.Status.SUCCESS);
        Thread.sleep(500);
        assertThat(history.recent()).filteredOn(run -> run.status() == RunRecord.Status.RUNNING)
                .as("no build starts once shutdown began").isEmpty();
    }

    @Test
    void theCoordinatorCoalescesABurstAndAnnouncesTheOutcome() throws Exception {
        WorkInProgress work = new WorkInProgress();
        InProcessEventBus bus = oneAttemptBus(work);
        List<ModelsBuilt> built = new CopyOnWriteArrayList<>();
        List<PipelineFailed> failed = new CopyOnWriteArrayList<>();
        bus.subscribe(Topics.MODELS_BUILT, "t-built", (message, delivery) -> built.add(message));
        bus.subscribe(Topics.PIPELINE_FAILED, "t-failed", (message, delivery) -> failed.add(message));
        RunHistory history = new RunHistory(TestTransformConfig.packagedModels(), warehouse);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        BuildCoordinator coordinator = new BuildCoordinator(runner(), history, bus, new FailureReporter(bus),
                ObservedWork.countedBy(work), TestTransformConfig.packagedModels(), new BuildMetrics(meters));

        String first = coordinator.submit(BuildRequest.all("load-1"));
        String second = coordinator.submit(BuildRequest.all("load-2"));
        String third = coordinator.submit(new BuildRequest(List.of("independent"), false, List.of("http")));
        assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(built).singleElement().satisfies(message -> {
            assertThat(message.runId()).isEqualTo(first);
            assertThat(message.models()).hasSize(4);
            assertThat(message.trigger()).contains("load-1").contains("load-2").contains("http");
        });
        assertThat(history.find(first).orElseThrow().status()).isEqualTo(RunRecord.Status.SUCCESS);
        RunHistory afterRestart = new RunHistory(TestTransformConfig.packagedModels(), warehouse);
        assertThat(afterRestart.find(first).orElseThrow().models()).hasSize(4);

        warehouse.executeAtomically(List.of("INSERT INTO raw.numbers SELECT range FROM range(60, 70)"));
        String failing = coordinator.submit(BuildRequest.all("load-3"));
        assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();

        assertThat(built).hasSize(1);
        assertThat(failed).singleElement().satisfies(message -> {
            assertThat(message.service()).isEqualTo("transform-service");
            assertThat(message.subject()).isEqualTo(failing);
            assertThat(message.reason()).contains("expression(checked: doubled < 100)");
        });
        assertThat(meters.counter("estore.builds", "status", "success").count()).isEqualTo(1);
        assertThat(meters.counter("estore.builds", "status", "failed").count()).isEqualTo(1);
        assertThat(meters.timer("estore.build").count()).isEqualTo(2);
        assertThat(meters.get("estore.model.rows").tag("model", "base").gauge().value()).isEqualTo(20);
        assertThat(meters.timer("estore.model.build", "model", "checked").count()).isEqualTo(2);
        assertThat(meters.counter("estore.data.test.failures", "model", "checked", "test",
                "expression(checked: doubled < 100)").count()).isEqualTo(1);

        // fixed: the next good build announces the recovery once; the one after it, nothing more
        warehouse.executeAtomically(List.of("DELETE FROM raw.numbers WHERE n >= 60"));
        String fixed = coordinator.submit(BuildRequest.all("load-4"));
        assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();
        coordinator.submit(BuildRequest.all("load-5"));
        assertThat(work.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(failed).hasSize(2);
        assertThat(failed.get(1)).satisfies(recovery -> {
            assertThat(recovery.recovery()).isTrue();
            assertThat(recovery.stage()).isEqualTo("build");
            assertThat(recovery.subject()).isEqualTo(fixed);
            assertThat(recovery.reason()).contains(failing);
        });
        coordinator.stop();
    }

    /** The in-process bus delivering once, without retries: a handler's failure shows at once. */
    private static InProcessEventBus oneAttemptBus(WorkInProgress work) {
        return new InProcessEventBus(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)), work);
    }

    private BuildRunner runner() throws IOException {
        ModelProject project = ProjectLoader.fromDirectory(dir.resolve("models"));
        return new BuildRunner(project, warehouse, TestTransformConfig.packagedModels());
    }

    private static Map<String, ModelRun> byModel(RunRecord run) {
        return run.models().stream().collect(java.util.stream.Collectors.toMap(ModelRun::model, model -> model));
    }

    private long count(String relation) {
        return ((Number) warehouse.query("SELECT count(*) AS n FROM " + relation).get(0).get("n")).longValue();
    }

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve("models").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
