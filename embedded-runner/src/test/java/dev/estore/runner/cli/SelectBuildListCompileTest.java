package dev.estore.runner.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratorOptions;
import dev.estore.runner.fixture.TestFolders;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.RunSummary;
import dev.estore.snapshot.definition.SnapshotCatalog;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunHistory;
import dev.estore.transform.build.RunRecord;
import dev.estore.transform.cli.BuildCommand;
import dev.estore.transform.cli.CompileCommand;
import dev.estore.transform.cli.PlanCommand;
import dev.estore.transform.cli.SourceCommand;
import dev.estore.transform.cli.TestCommand;
import dev.estore.transform.project.ModelProject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/** The analytics engineer's commands on generated data: build a selection with progress, ls, compile, POST /runs. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelectBuildListCompileTest {

    @Inject
    EmbeddedPipeline pipeline;
    @Inject
    BuildRunner models;
    @Inject
    ModelProject project;
    @Inject
    SnapshotCatalog snapshots;
    @Inject
    RunHistory runs;
    @Inject
    dev.estore.shared.ports.Warehouse tables;
    @Inject
    dev.estore.runner.docs.DocsSite docs;
    @Inject
    dev.estore.embedded.duckdb.DuckDbDatabase database;
    @Inject
    dev.estore.embedded.duckdb.DuckDbConfig duckdbConfig;

    Path warehouse;

    @BeforeAll
    void loadOneMonth() throws Exception {
        Path root = TestFolders.create("estore-cli");
        try {
            pipeline.useWarehouse(root.resolve("warehouse.duckdb"));
        } catch (IllegalStateException alreadyOpen) {
            // the default test profile's application opens one warehouse; an earlier class already chose it
        }
        warehouse = pipeline.warehouseFile();
        Path files = root.resolve("cli-bucket");
        new EventGenerator(new GeneratorOptions(4_000, 1, 5, files, false, YearMonth.of(2019, 10))).generate();
        RunSummary run = pipeline.run(List.of(files), Duration.ofMinutes(2));
        assertThat(run.succeeded()).as(String.valueOf(run.failures())).isTrue();
    }

    record Ran(int exit, String out, String err) {
    }

    static Ran execute(Callable<Integer> command, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(command).execute(args);
            return new Ran(exit, printed.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void buildBuildsTheSelectionInOrderWithAProgressLinePerModel() {
        Ran ran = execute(new BuildCommand(pipeline, models), "--select", "+fct_sessions", "--full-refresh");

        assertThat(ran.exit()).as(ran.out() + ran.err()).isZero();
        assertThat(ran.out()).contains("Building 7 model(s) with full refresh")
                .containsPattern("1/7 OK +staging\\.stg_events_deduped \\(incremental, full refresh\\): [\\d,]+ rows, "
                        + "3/3 tests passed in")
                .contains("4/7 OK    staging.stg_events (view): 8/8 tests passed")
                .containsPattern("6/7 OK +intermediate\\.int_sessions")
                .containsPattern("7/7 OK +marts\\.fct_sessions \\(view\\) in \\d")
                .contains("SUCCESS");
        RunRecord last = runs.lastFinished().orElseThrow();
        assertThat(last.models()).extracting(ModelRun::model).containsExactly("stg_events_deduped",
                "stg_product_brands", "stg_events_classified", "stg_events", "fct_events", "int_sessions",
                "fct_sessions");
        assertThat(last.models()).allSatisfy(model -> assertThat(model.mode()).isIn("full refresh", "view"));
    }

    @Test
    void aBackfillRebuildsTheGivenDaysOfTheSelectedModels() {
        String first = tables.query("SELECT CAST(min(event_date) AS VARCHAR) AS d FROM marts.fct_events").get(0)
                .get("d").toString();
        java.time.LocalDate start = java.time.LocalDate.parse(first);
        Ran backfill = execute(new BuildCommand(pipeline, models), "--select", "fct_events", "--start",
                start.toString(), "--end", start.plusDays(1).toString());
        Ran halfOpen = execute(new BuildCommand(pipeline, models), "--select", "fct_events", "--start", first);

        assertThat(backfill.exit()).as(backfill.out() + backfill.err()).isZero();
        assertThat(backfill.out()).contains("backfilling " + start + ".." + start.plusDays(1))
                .contains("1/1 OK    marts.fct_events (incremental, insert_overwrite of 2 day(s): " + start + ".."
                        + start.plusDays(1));
        assertThat(halfOpen.exit()).isEqualTo(2);
        assertThat(halfOpen.err()).contains("both --start and --end");
    }

    @Test
    void aTypoIsBadUsageAndAnEmptySelectionHasNothingToDo() {
        Ran typo = execute(new BuildCommand(pipeline, models), "--select", "fct_sesions");
        Ran nothing = execute(new BuildCommand(pipeline, models), "--select", "tag:no-such-tag");

        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("No model named 'fct_sesions'");
        assertThat(nothing.exit()).isZero();
        assertThat(nothing.out()).contains("Nothing to do");
    }

    @Test
    void lsListsWhatTheSelectorsAndResourceTypesName() {
        Ran models = execute(new LsCommand(pipeline, project, this.models, snapshots), "--select", "tag:customers",
                "--resource-type", "model");
        Ran tests = execute(new LsCommand(pipeline, project, this.models, snapshots), "--select", "int_sessions", "--exclude",
                "tag:customers", "--resource-type", "test");
        Ran snapshotsOfUsers = execute(new LsCommand(pipeline, project, this.models, snapshots), "--select", "dim_users+",
                "--resource-type", "snapshot");

        assertThat(models.out().lines()).hasSize(3).allMatch(line -> line.startsWith("model"))
                .anyMatch(line -> line.contains("marts.dim_users") && line.contains("fold"));
        assertThat(tests.out()).contains("unique(int_sessions.session_id)", "singular(assert_sessions_count_their_events)",
                "relationships(int_sessions.user_id -> dim_users.user_id)").doesNotContain("model ");
        assertThat(snapshotsOfUsers.out().lines()).hasSize(2).allMatch(line -> line.startsWith("snapshot"));
    }

    @Test
    void everyCommandWritesTheManifestThatStateModifiedComparesWith() throws Exception {
        Path target = warehouse.getParent().resolve("target");
        Ran listed = execute(new LsCommand(pipeline, project, this.models, snapshots), "--resource-type", "model");
        Path state = TestFolders.create("estore-state");
        Files.copy(target.resolve("manifest.json"), state.resolve("manifest.json"));
        Ran unchanged = execute(new LsCommand(pipeline, project, this.models, snapshots), "--select",
                "state:modified+", "--state", state.toString());
        Ran noState = execute(new BuildCommand(pipeline, models), "--select", "state:modified");

        assertThat(listed.exit()).isZero();
        assertThat(Files.readString(target.resolve("manifest.json"))).contains("\"fct_sessions\"", "fingerprint");
        assertThat(unchanged.exit()).isZero();
        assertThat(unchanged.out()).as("nothing changed since the manifest").isEmpty();
        assertThat(noState.exit()).isEqualTo(2);
        assertThat(noState.err()).contains("--state DIR");
    }

    @Test
    void testRunsTheSelectedModelsDataTestsOnTheirTablesAndFailsOnABadRow() {
        Map<String, Object> session = tables.query("SELECT session_id, funnel_stage FROM intermediate.int_sessions "
                + "ORDER BY session_id LIMIT 1").get(0);
        Ran clean = execute(new TestCommand(pipeline, models), "--select", "int_sessions");
        tables.executeAtomically(List.of("UPDATE intermediate.int_sessions SET funnel_stage = NULL WHERE session_id = '"
                + session.get("session_id") + "'"));
        try {
            Ran broken = execute(new TestCommand(pipeline, models), "--select", "int_sessions");

            assertThat(broken.exit()).isEqualTo(1);
            assertThat(broken.out()).contains("FAIL  not_null(int_sessions.funnel_stage): 1 failing row(s)")
                    .contains("PASS  unique(int_sessions.session_id)").contains("1 failed");
        } finally {
            tables.executeAtomically(List.of("UPDATE intermediate.int_sessions SET funnel_stage = '"
                    + session.get("funnel_stage") + "' WHERE session_id = '" + session.get("session_id") + "'"));
        }
        assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).contains("PASS  relationships(int_sessions.user_id -> dim_users.user_id)")
                .contains("PASS  unit(int_sessions.a_gap_over_the_timeout_starts_a_new_session_and_one_of_exactly_"
                        + "the_timeout_does_not)")
                .containsPattern("\\d+ test\\(s\\) on 1 model\\(s\\): \\d+ passed, 0 failed");
    }

    @Test
    void docsDrawTheLineageOfEveryModelSnapshotAndTopicAndOpenInABrowser() throws Exception {
        Path out = TestFolders.create("estore-docs");
        Ran written = execute(new dev.estore.runner.docs.DocsCommand(docs, pipeline), "--out", out.toString());

        assertThat(written.exit()).isZero();
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("<svg").doesNotContain("<script").doesNotContain("http://cdn");
        for (String model : project.buildOrder()) {
            assertThat(html).as(model).contains(">" + model + "</text>").contains("id=\"model:" + model + "\"");
        }
        assertThat(html).contains(">snapshot snap_user_rfm</text>", ">snapshot snap_user_status</text>",
                ">topic Sessions</text>", ">source raw.events</text>", "Last build: built in");
        given().get("/docs").then().statusCode(200).contentType(ContentType.HTML)
                .body(org.hamcrest.Matchers.containsString(">topic Sessions</text>"));

        org.junit.jupiter.api.Assumptions.assumeTrue(dev.estore.runner.fixture.HeadlessChromium.installed(),
                "SKIPPED: no headless browser here (apt-get install -y chromium chromium-driver, as .ci/run does)");
        var browser = dev.estore.runner.fixture.HeadlessChromium.start(TestFolders.create("estore-docs-"
                + "browser")).orElseThrow();
        try {
            // wide enough for the whole graph in the kept screenshot (the page scrolls it on a narrower screen)
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(2600, 900));
            browser.get(out.resolve("index.html").toUri().toString());
            List<String> labels = browser.findElements(org.openqa.selenium.By.cssSelector("#lineage text")).stream()
                    .map(org.openqa.selenium.WebElement::getText).toList();
            assertThat(labels).containsAll(project.buildOrder()).contains("snapshot snap_user_rfm",
                    "snapshot snap_user_status", "topic Sessions", "source raw.events");
            assertThat(browser.findElement(org.openqa.selenium.By.id("lineage")).getSize().getWidth())
                    .isGreaterThan(800);
            byte[] png = browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(Path.of("target", "docs-lineage.png"), png);
        } finally {
            browser.quit();
        }
    }

    @Test
    void diffFindsKeysOnlyOnOneSideAndTheColumnsThatDiffer() throws Exception {
        database.checkpoint();
        Path copies = TestFolders.create("estore-diff");
        Path production = Files.copy(warehouse, copies.resolve("production.duckdb"));
        Path branch = Files.copy(warehouse, copies.resolve("branch.duckdb"));
        List<String> sessions;
        try (var connection = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + branch,
                new java.util.Properties()); var statement = connection.createStatement()) {
            var ids = statement.executeQuery("SELECT session_id FROM marts.fct_sessions ORDER BY session_id LIMIT 2");
            List<String> found = new java.util.ArrayList<>();
            while (ids.next()) {
                found.add(ids.getString(1));
            }
            sessions = found;
            // fct_sessions is a view of int_sessions: the rows are planted there
            statement.execute("DELETE FROM intermediate.int_sessions WHERE session_id = '" + sessions.get(0) + "'");
            statement.execute("UPDATE intermediate.int_sessions SET event_count = event_count + 1 WHERE session_id = '"
                    + sessions.get(1) + "'");
        }

        Ran same = execute(new DiffCommand(project, duckdbConfig), "--select", "fct_sessions", "--warehouse",
                production.toString(), "--against", production.toString());
        Ran planted = execute(new DiffCommand(project, duckdbConfig), "--select", "fct_sessions", "--warehouse",
                production.toString(), "--against", branch.toString());

        assertThat(same.exit()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("The tables are the same.");
        assertThat(planted.exit()).as(planted.out() + planted.err()).isEqualTo(1);
        assertThat(planted.out()).contains("diff marts.fct_sessions on [session_id]")
                .contains("keys only in left: 1, e.g. [{session_id=" + sessions.get(0) + "}]")
                .contains("keys only in right: 0")
                .containsPattern("event_count +1 row\\(s\\) differ, e\\.g\\. \\[\\{session_id=" + sessions.get(1))
                .doesNotContain("funnel_stage ").contains("The tables differ.");
    }

    @Test
    void sourceFreshnessJudgesTheNewestLoad() {
        Ran fresh = execute(new SourceCommand.FreshnessCommand(pipeline, tables, project));

        assertThat(fresh.exit()).as(fresh.out() + fresh.err()).isZero();
        assertThat(fresh.out()).startsWith("PASS  raw.events: last load ").contains("minute").contains("newest event");
    }

    @Test
    void aDevTargetBuildsIntoItsOwnSchemaReadingProductionUpstreamAndDiffFindsAPlantedDifference() throws Exception {
        List<Map<String, Object>> productionWindows = tables.query("SELECT * FROM ops.model_windows ORDER BY ALL");
        Ran dev = execute(new BuildCommand(pipeline, models), "--select", "int_sessions", "--target", "dev");

        assertThat(dev.exit()).as(dev.out() + dev.err()).isZero();
        assertThat(dev.out()).contains("1/1 OK    intermediate_dev.int_sessions (incremental, full (new table))");
        assertThat(count("intermediate_dev.int_sessions")).isEqualTo(count("intermediate.int_sessions")).isPositive();
        assertThat(tables.relationExists("marts_dev", "fct_events")).as("upstream read from production").isFalse();
        assertThat(tables.query("SELECT * FROM ops.model_windows ORDER BY ALL")).as("production's bookkeeping")
                .isEqualTo(productionWindows);
        assertThat(tables.relationExists("ops_dev", "model_windows")).as("the target's own bookkeeping").isTrue();

        String session = (String) tables.query("SELECT session_id FROM intermediate_dev.int_sessions ORDER BY "
                + "session_id LIMIT 1").get(0).get("session_id");
        tables.executeAtomically(List.of("UPDATE intermediate_dev.int_sessions SET event_count = event_count + 1 WHERE "
                + "session_id = '" + session + "'"));
        database.checkpoint();
        Path copy = Files.copy(warehouse, TestFolders.create("estore-target-diff").resolve("w.duckdb"));
        Ran diff = execute(new DiffCommand(project, duckdbConfig), "--select", "int_sessions", "--target", "dev",
                "--warehouse", copy.toString());

        assertThat(diff.exit()).as(diff.out() + diff.err()).isEqualTo(1);
        assertThat(diff.out()).contains("diff intermediate_dev.int_sessions against intermediate.int_sessions")
                .contains("keys only in left: 0").contains("keys only in right: 0")
                .containsPattern("event_count +1 row\\(s\\) differ, e\\.g\\. \\[\\{session_id=" + session);
    }

    @Test
    void planSaysWhatAChangeWouldRebuildAndWhichColumnChangesBreak() throws Exception {
        Path state = TestFolders.create("estore-plan-state");
        execute(new LsCommand(pipeline, project, this.models, snapshots), "--target-path", state.toString());
        Path manifest = state.resolve("manifest.json");
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(manifest.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.path("models").path("dim_products"))
                .put("fingerprint", "production had another version");
        Files.writeString(manifest, json.toString());
        tables.executeAtomically(List.of("ALTER TABLE marts.dim_products ADD COLUMN legacy_flag INTEGER"));
        Ran plan;
        try {
            plan = execute(new PlanCommand(pipeline, project, models, tables), "--state", state.toString());
        } finally {
            tables.executeAtomically(List.of("ALTER TABLE marts.dim_products DROP COLUMN legacy_flag"));
        }

        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("BREAKING  marts.dim_products: modified (its SQL or build settings); reads ")
                .contains("removed [legacy_flag] (breaking: what reads them fails)")
                .doesNotContain("fct_events:");
        assertThat(tables.relationExists("plan_preview", "dim_products")).as("plan writes nothing").isFalse();
        Ran nothingChanged = execute(new PlanCommand(pipeline, project, models, tables), "--state",
                warehouse.getParent().resolve("target").toString());
        assertThat(nothingChanged.out()).contains("No changes: nothing to build.");
    }

    private long count(String relation) {
        return ((Number) tables.query("SELECT count(*) AS n FROM " + relation).get(0).get("n")).longValue();
    }

    @Test
    void compilePrintsEachSelectedModelsRenderedSql() {
        Ran compiled = execute(new CompileCommand(pipeline, project, models), "--select", "path:marts/fct_events.sql");

        assertThat(compiled.exit()).isZero();
        assertThat(compiled.out()).startsWith("-- marts.fct_events (incremental, models/marts/fct_events.sql)")
                .contains("md5(").contains("from staging.stg_events")
                .doesNotContain("{{");
    }

    @Test
    void postRunsTakesTheSelectorGrammarWithExclude() throws Exception {
        String runId = given().contentType(ContentType.JSON)
                .body(Map.of("select", List.of("dim_users+"), "exclude", List.of("metrics_churn")))
                .post("/runs").then().statusCode(202).extract().path("runId");
        given().contentType(ContentType.JSON).body(Map.of("select", List.of("colour:blue"))).post("/runs")
                .then().statusCode(400);

        RunRecord run = awaitFinished(runId);
        assertThat(run.select()).containsExactly("dim_users", "dim_user_rfm");
        assertThat(run.models()).extracting(ModelRun::model).containsExactly("dim_users", "dim_user_rfm");
        // only a queued build can be taken back (BuildRunnerTest cancels one)
        given().delete("/runs/" + runId).then().statusCode(409).body(org.hamcrest.Matchers.containsString(
                "only a queued build can be cancelled"));
        given().delete("/runs/run-that-never-was").then().statusCode(404);
    }

    private RunRecord awaitFinished(String runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            RunRecord run = runs.find(runId).orElse(null);
            if (run != null && run.status().finished()) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not finish");
    }
}
