package dev.estore.transform.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.gcp.bigquery.BigQueryWarehouse;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway;
import dev.estore.gcp.bigquery.offline.OfflineBigQuery;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.cli.BuildCommand;
import dev.estore.transform.cli.CompileCommand;
import dev.estore.transform.cli.PlanCommand;
import dev.estore.transform.cli.SourceCommand;
import dev.estore.transform.cli.TargetDiffCommand;
import dev.estore.transform.cli.TestCommand;
import dev.estore.transform.gcp.BigQueryCommandTarget;
import dev.estore.transform.project.ModelProject;
import dev.estore.transform.project.ProjectLoader;
import dev.estore.transform.testing.TestTransformConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * ./estore cloud's commands as the transform's cloud app assembles them (BigQueryCommandTarget, the BigQuery
 * warehouse), on the analyzing gateway: every statement they send is valid GoogleSQL against the schemas built so
 * far, a production build is left to the deployed service, plan's columns and cost come from dry runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BigQueryCommandsOfflineTest {

    record Ran(int exit, String out, String err) {
    }

    AnalyzingBigQueryGateway gateway;
    BigQueryWarehouse warehouse;
    ModelProject project;
    BuildRunner runner;
    BigQueryCommandTarget target;
    Path targetPath;

    @BeforeAll
    void assemble() throws Exception {
        OfflineBigQuery bigQuery = OfflineBigQuery.withRawTables();
        gateway = bigQuery.gateway();
        warehouse = bigQuery.warehouse();
        project = ProjectLoader.fromClasspath();
        runner = new BuildRunner(project, warehouse, TestTransformConfig.packagedModels());
        target = new BigQueryCommandTarget(warehouse);
        // production's tables, as the deployed service builds them
        assertThat(runner.run("prod", dev.estore.transform.build.BuildRequest.all("test")).status())
                .isEqualTo(dev.estore.transform.build.RunRecord.Status.SUCCESS);
        // under target/, so that a test run leaves nothing in /tmp
        targetPath = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "estore-cloud-target");
    }

    @Test
    @Order(1)
    void compileRendersTheModelsForBigQuery() {
        Ran compiled = execute(new CompileCommand(target, project, runner), "--select", "int_sessions",
                "--target-path", targetPath.toString());

        assertThat(compiled.exit()).as(compiled.err()).isZero();
        assertThat(compiled.out()).startsWith("-- intermediate.int_sessions (incremental")
                .contains("`test-project.estore_marts.fct_events`");
        assertThat(targetPath.resolve("manifest.json")).exists();
    }

    @Test
    @Order(2)
    void aProductionBuildIsLeftToTheDeployedServiceAndATargetIsOffered() {
        int sentBefore = gateway.sent().size();
        Ran refused = execute(new BuildCommand(target, runner), "--select", "int_sessions", "--target-path",
                targetPath.toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("POST /runs").contains("--target dev");
        assertThat(gateway.sent().subList(sentBefore, gateway.sent().size())).as("nothing written")
                .noneMatch(sent -> sent.sql().matches("(?is)\\s*(CREATE|INSERT|DELETE|MERGE|DROP).*"));
    }

    @Test
    @Order(3)
    void testRunsTheDataAndUnitTestsOnBigQuery() {
        // BigQuery's answer to the unit test's query, which only a warehouse can compute: the expected sessions
        gateway.respondWith((sql, row) -> sql.startsWith("SELECT session_id, event_count") ? List.of(
                sessionRow("s1", 2, 2, 0, null, "view"),
                sessionRow("s1_timeout_1", 1, 1, 1, new java.math.BigDecimal("9.5"), "purchase")) : List.of(row));
        Ran tested = execute(new TestCommand(target, runner), "--select", "int_sessions", "--target-path",
                targetPath.toString());

        assertThat(tested.exit()).as(tested.out() + tested.err()).isZero();
        assertThat(tested.out()).contains("PASS  unique(int_sessions.session_id)")
                .contains("PASS  unit(int_sessions.a_gap_over_the_timeout").contains("0 failed");
        assertThat(gateway.sent()).anyMatch(sent -> sent.sql().startsWith("CREATE TEMP TABLE unit_input_fct_events"));
        gateway.respondWith((sql, row) -> List.of(row));
    }

    private static java.util.Map<String, Object> sessionRow(String id, long events, long products, long purchases,
            java.math.BigDecimal revenue, String stage) {
        java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("session_id", id);
        row.put("event_count", events);
        row.put("unique_product_count", products);
        row.put("purchase_count", purchases);
        row.put("total_revenue", revenue);
        row.put("funnel_stage", stage);
        return row;
    }

    @Test
    @Order(4)
    void planPreviewsColumnsAndCostByDryRun() {
        int sentBefore = gateway.sent().size();
        Ran plan = execute(new PlanCommand(target, project, runner, warehouse), "--select", "int_sessions",
                "--target-path", targetPath.toString());

        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("intermediate.int_sessions: selected; would process 0.0 MB (dry run)")
                .doesNotContain("added").doesNotContain("BREAKING");
        assertThat(gateway.sent().subList(sentBefore, gateway.sent().size()))
                .as("a plan writes nothing").noneMatch(sent -> sent.sql().matches("(?is)\\s*(CREATE|INSERT|DELETE|MERGE|DROP).*"));
    }

    @Test
    @Order(5)
    void aDuckDbFileIsRefusedWithTheSettingsToUseInstead() {
        Ran refused = execute(new BuildCommand(target, runner), "--warehouse", "data/warehouse.duckdb");

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("names a DuckDB file").contains("ESTORE_BIGQUERY_DATASET_PREFIX");
    }

    @Test
    @Order(6)
    void aTargetBuildWritesItsOwnDatasetsAndReadsProductionForTheRest() {
        int sentBefore = gateway.sent().size();
        Ran built = execute(new BuildCommand(target, runner), "--select", "int_sessions", "--target", "pr_7",
                "--target-path", targetPath.toString());

        assertThat(built.exit()).as(built.out() + built.err()).isZero();
        assertThat(built.out()).contains("`test-project.estore_intermediate_pr_7.int_sessions`");
        assertThat(gateway.analyzer().relations())
                .containsKey(OfflineBigQuery.relation("intermediate_pr_7", "int_sessions"));
        List<String> sent = gateway.sent().subList(sentBefore, gateway.sent().size()).stream()
                .map(AnalyzingBigQueryGateway.SentQuery::sql).toList();
        assertThat(sent).as("reads production's fct_events (defer)")
                .anyMatch(sql -> sql.contains("`test-project.estore_marts.fct_events`"));
        assertThat(sent).as("writes nothing of production's datasets").noneMatch(sql -> List.of("CREATE",
                "INSERT INTO", "DELETE FROM", "MERGE", "DROP").stream().anyMatch(write -> List.of("marts.",
                "intermediate.").stream().anyMatch(dataset -> sql.contains(write + " TABLE `test-project.estore_"
                        + dataset) || sql.contains(write + " `test-project.estore_" + dataset))));
    }

    @Test
    @Order(7)
    void diffComparesTheTargetsTableWithProductionsInValidGoogleSql() {
        Ran diff = execute(new TargetDiffCommand(project, warehouse), "--select", "int_sessions", "--target", "pr_7");
        Ran missing = execute(new TargetDiffCommand(project, warehouse), "--select", "dim_users", "--target", "pr_7");

        assertThat(diff.exit()).as(diff.err()).isIn(0, 1);
        assertThat(diff.out()).startsWith("diff `test-project.estore_intermediate_pr_7.int_sessions` against "
                + "`test-project.estore_intermediate.int_sessions` on [session_id]").contains("keys only in left");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("build --select dim_users --target pr_7");
    }

    @Test
    @Order(8)
    void sourceFreshnessReadsTheLedgerOnBigQuery() {
        Ran freshness = execute(new SourceCommand.FreshnessCommand(target, warehouse, project));

        assertThat(freshness.out() + freshness.err()).contains("raw.events");
    }

    private Ran execute(Callable<Integer> command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(command).execute(args);
            return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
