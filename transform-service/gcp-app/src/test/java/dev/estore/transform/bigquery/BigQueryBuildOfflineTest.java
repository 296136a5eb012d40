package dev.estore.transform.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.gcp.bigquery.BigQueryWarehouse;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway.SentQuery;
import dev.estore.gcp.bigquery.offline.PartitionFilters;
import dev.estore.gcp.bigquery.offline.OfflineBigQuery;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunHistory;
import dev.estore.transform.build.RunRecord;
import dev.estore.transform.project.ModelProject;
import dev.estore.transform.project.ProjectLoader;
import dev.estore.transform.testing.TestTransformConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged models built on BigQuery through the real transform code (BuildRunner, Materializer, data tests,
 * reports, run history) with the BigQuery warehouse and dialect, every statement analyzed by ZetaSQL against the
 * schemas created so far, in dependency order: full builds, incremental builds (insert-overwrite of partitions,
 * MERGE by key), a full refresh, and a failing data test. Any statement ZetaSQL rejects fails the test with the
 * statement and ZetaSQL's message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BigQueryBuildOfflineTest {

    static final String MARTS = "test-project.estore_marts.";
    static final String INTERMEDIATE = "test-project.estore_intermediate.";

    AnalyzingBigQueryGateway gateway;
    BigQueryWarehouse warehouse;
    ModelProject project;
    BuildRunner runner;
    int sentBefore;

    @org.junit.jupiter.api.BeforeEach
    void mark() {
        sentBefore = gateway.sent().size();
    }

    @BeforeAll
    void warehouse() throws Exception {
        OfflineBigQuery bigQuery = OfflineBigQuery.withRawTables();
        gateway = bigQuery.gateway();
        warehouse = bigQuery.warehouse();
        project = ProjectLoader.fromClasspath();
        runner = new BuildRunner(project, warehouse, TestTransformConfig.packagedModels());
    }

    @Test
    @Order(1)
    void aFullBuildOfEveryModelIsValidBigQuery() {
        RunRecord run = runner.run("full", BuildRequest.all("test"));

        assertThat(run.status()).as(run.error()).isEqualTo(RunRecord.Status.SUCCESS);
        assertThat(run.models()).extracting(ModelRun::model).containsExactlyElementsOf(project.buildOrder());
        assertThat(run.models()).allMatch(model -> model.status() == ModelRun.Status.BUILT);
        assertThat(sql(run)).contains("CREATE OR REPLACE TABLE `" + MARTS + "fct_events__audit`\nPARTITION BY "
                + "event_date\nCLUSTER BY event_type, user_id AS")
                .contains("CREATE OR REPLACE TABLE `" + MARTS + "fct_events` COPY `" + MARTS + "fct_events__audit`")
                .contains("CREATE OR REPLACE VIEW `test-project.estore_staging.stg_events` AS")
                .contains("LEFT JOIN `" + MARTS + "dim_users__audit` AS parent");
        assertThat(gateway.analyzer().relations()).containsKeys(MARTS + "fct_events", MARTS + "metrics_churn")
                .doesNotContainKeys(MARTS + "fct_events__audit", MARTS + "dim_users__audit");
    }

    @Test
    @Order(2)
    void incrementalBuildsRewriteTheChangedDaysAndFoldThemIntoState() {
        // The ledger answers every day with 2019-11-30 (the stand-in's plausible text); the folding models have
        // taken in the days up to the 29th, so the 30th is folded into their state.
        gateway.respondWith((sql, row) -> sql.contains("max(folded_through)")
                ? List.of(Map.of("day", "2019-11-29")) : List.of(row));
        try {
            RunRecord run = runner.run("incremental", BuildRequest.all("test"));

            assertThat(run.status()).as(run.error()).isEqualTo(RunRecord.Status.SUCCESS);
            Map<String, String> modes = run.models().stream()
                    .collect(java.util.stream.Collectors.toMap(ModelRun::model, ModelRun::mode));
            assertThat(modes.get("fct_events")).startsWith("insert_overwrite of 1 day(s): 2019-11-30");
            assertThat(modes.get("int_user_activity")).startsWith("fold of 1 day(s): 2019-11-30");
            assertThat(modes.get("dim_categories")).startsWith("fold of 1 day(s)");
            assertThat(modes.get("int_sessions")).startsWith("delete+insert by");
            assertThat(sql(run))
                    // the audit holds the changed partitions alone, and the publish replaces only those
                    .contains("CREATE OR REPLACE TABLE `" + MARTS + "fct_events__audit` LIKE `" + MARTS + "fct_events` "
                            + "AS\nSELECT * FROM `" + MARTS + "fct_events` WHERE (event_date = DATE '2019-11-30')")
                    .contains("DELETE FROM `" + MARTS + "fct_events__audit` WHERE (event_date = DATE '2019-11-30')")
                    .contains("BEGIN TRANSACTION\n;\nDELETE FROM `" + MARTS + "fct_events` WHERE (event_date = DATE "
                            + "'2019-11-30')\n;\nINSERT INTO `" + MARTS + "fct_events` (event_id, event_time, ")
                    .containsPattern("SELECT event_id, .* FROM `" + MARTS.replace(".", "\\.") + "fct_events__audit`\n;\n"
                            + "DELETE FROM `test-project\\.estore_ops\\.model_windows` WHERE model = \\?")
                    .containsPattern("CREATE OR REPLACE TABLE `" + INTERMEDIATE.replace(".", "\\.")
                            + "int_sessions__audit` LIKE `" + INTERMEDIATE.replace(".", "\\.") + "int_sessions` AS\n"
                            + "SELECT \\* FROM `" + INTERMEDIATE.replace(".", "\\.") + "int_sessions` WHERE "
                            + "\\(session_start_date >= DATE '2019-11-\\d\\d'\\)")
                    .doesNotContain("COPY `" + MARTS + "fct_events`", "`" + MARTS + "fct_events` COPY",
                            "COPY `" + INTERMEDIATE + "int_sessions`", "`" + INTERMEDIATE + "int_sessions` COPY",
                            "`test-project.estore_staging.stg_events_deduped` COPY")
                    // a fold whose deletes no predicate bounds still starts from a copy of its whole table
                    .contains("CREATE OR REPLACE TABLE `test-project.estore_marts.dim_users__audit` COPY "
                            + "`test-project.estore_marts.dim_users`")
                    // a fold replaces the state of the users the day touched, reading no other user's state
                    .contains("CREATE OR REPLACE TABLE `test-project.estore_intermediate.int_user_activity__changes` AS")
                    .contains("from `test-project.estore_intermediate.int_user_activity`\n"
                            + "    where user_id in (select user_id from changed_days)")
                    .contains("DELETE FROM `test-project.estore_intermediate.int_user_activity__audit` WHERE user_id IN "
                            + "(SELECT user_id FROM `test-project.estore_intermediate.int_user_activity__changes`)")
                    .contains("DROP TABLE IF EXISTS `" + INTERMEDIATE + "int_sessions__changes`")
                    // the sessions a build replaces start on or after the first day it reads: the delete prunes
                    .containsPattern("DELETE FROM `" + INTERMEDIATE.replace(".", "\\.") + "int_sessions__audit` WHERE "
                            + "\\(.*\\) AND \\(session_start_date >= DATE '2019-11-\\d\\d'\\)")
                    // dim_users rewrites the users the day touched and moves every other user's days since
                    .contains("update `" + MARTS + "dim_users__audit`\nset days_since_last_activity = DATE_DIFF(");
            assertThat(modes.get("dim_users")).startsWith("fold of 1 day(s): 2019-11-30");
            // Every read of a partitioned table in the incremental build (the partition-scoped audits and publishes
            // included) filters its partition column, but two
            // deliberate reads of int_sessions' session columns (O(sessions), not O(events)): the sessions still
            // open when the new day starts (int_sessions' and dim_users' also_reads: session_end_time and
            // session_start_date). The changed users' session counts read the sessions from the day
            // int_user_sessions counted to.
            assertThat(unfilteredReads()).containsExactly(
                    "int_sessions <- select min(session_start_date) as first_day, max(cast(session_end_time as date)) "
                            + "as last_d",
                    "int_sessions <- select min(session_start_date) as first_day, max(cast(session_end_time as date)) "
                            + "as last_d");
        } finally {
            gateway.respondWith((sql, row) -> List.of(row));
        }
    }

    @Test
    @Order(3)
    void aFullRefreshRebuildsTheIncrementalModels() {
        RunRecord run = runner.run("refresh", new BuildRequest(List.of("fct_events+"), true, List.of("test")));

        assertThat(run.status()).as(run.error()).isEqualTo(RunRecord.Status.SUCCESS);
        assertThat(run.models()).filteredOn(model -> model.model().equals("fct_events"))
                .extracting(ModelRun::mode).containsExactly("full refresh");
    }

    @Test
    @Order(4)
    void aFailingTestKeepsThePublishedTableAndSkipsDownstream() {
        gateway.respondWith((sql, row) -> {
            if (sql.contains("FROM `" + MARTS + "dim_users__audit`") && row.containsKey("t0")) {
                Map<String, Object> failing = new java.util.HashMap<>(row);
                failing.put("t0", 3L);
                return List.of(failing);
            }
            return List.of(row);
        });
        try {
            RunRecord run = runner.run("failing", BuildRequest.all("test"));

            Map<String, ModelRun.Status> statuses = run.models().stream()
                    .collect(java.util.stream.Collectors.toMap(ModelRun::model, ModelRun::status));
            assertThat(statuses.get("dim_users")).isEqualTo(ModelRun.Status.FAILED);
            assertThat(statuses.get("dim_user_rfm")).isEqualTo(ModelRun.Status.SKIPPED);
            assertThat(statuses.get("metrics_churn")).isEqualTo(ModelRun.Status.SKIPPED);
            assertThat(sql(run)).doesNotContain("CREATE OR REPLACE TABLE `" + MARTS + "dim_users` COPY")
                    .contains("DROP TABLE IF EXISTS `" + MARTS + "dim_users__audit`")
                    .contains("SELECT * FROM (SELECT * FROM `" + MARTS + "dim_users__audit` WHERE");
        } finally {
            gateway.respondWith((sql, row) -> List.of(row));
        }
    }

    @Test
    @Order(4)
    void theTableDiffIsValidBigQuery() {
        var report = new dev.estore.transform.diff.TableDiff(warehouse::query).compare("`" + MARTS + "fct_sessions`",
                "`" + MARTS + "fct_sessions`", List.of("session_id"), List.of("session_id", "event_count",
                        "funnel_stage", "session_start_time"));

        // every statement it sent was analyzed by ZetaSQL (a rejection fails here); the stand-in answers zeros
        assertThat(report.columns()).extracting(column -> column.column()).containsExactly("event_count",
                "funnel_stage", "session_start_time");
        assertThat(sql(null)).contains("EXCEPT DISTINCT").contains("IS DISTINCT FROM");
    }

    @Test
    @Order(4)
    void aSeedsRowsAreValidBigQuery() {
        var seed = dev.estore.transform.project.Seed.read("tiers", "models/seeds/tiers.csv",
                "tier,label,ratio,since\n1,small,0.5,2019-10-01\n2,\"it's big\",1.25,\n");

        // analyzed by ZetaSQL as the seed's table would be built from it
        List<Map<String, Object>> rows = warehouse.query(seed.select(warehouse.dialect()));

        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsOnlyKeys("tier", "label", "ratio",
                "since"));
        assertThat(seed.select(warehouse.dialect())).contains("CAST('it\\'s big' AS STRING)")
                .contains("CAST(DATE '2019-10-01' AS DATE)");
    }

    @Test
    @Order(5)
    void runHistoryAndDocumentationStatementsAreValid() {
        RunHistory history = new RunHistory(TestTransformConfig.packagedModels(), warehouse);
        gateway.respondWith((sql, row) -> sql.startsWith("SELECT detail") ? List.of() : List.of(row));
        history.put(runner.run("history", new BuildRequest(List.of("metrics_churn"), false, List.of("test"))));
        warehouse.documentRelation("marts", "metrics_churn", "Cohort churn.", Map.of("churn_rate", "A share's rate"));
        warehouse.documentRelation("staging", "stg_events", "Clean events.", Map.of("event_type", "view or cart"));

        assertThat(gateway.analyzer().relations()).containsKey("test-project.estore_ops.transform_runs");
        assertThat(warehouse.describeColumns("marts", "metrics_churn")).extracting(column -> column.name() + ":"
                + column.kind()).contains("churn_rate:FLOAT", "cohort_start:DATE", "total_customers:INTEGER");
        assertThat(warehouse.describeColumns("staging", "stg_events")).filteredOn(c -> c.name().equals("event_type"))
                .extracting(Warehouse.ColumnInfo::description).containsExactly("view or cart");
        System.out.printf("ZetaSQL analyzed %d BigQuery statements of the transform-service%n",
                gateway.analyzer().analyzed().size());
    }

    /** The statements sent during this run (the runs share one warehouse). */
    /**
     * Every read of a partitioned table (the packaged models' partition_by) without a constant filter on its
     * partition column among the statements sent since the test began: "table <- the statement's first line".
     */
    private List<String> unfilteredReads() {
        Map<String, String> partitioned = new java.util.TreeMap<>();
        project.buildOrder().stream().map(project::model).filter(model -> model.partitionBy() != null)
                .forEach(model -> partitioned.put(model.name(), model.partitionBy().field()));
        List<String> reads = new java.util.ArrayList<>();
        // audits started from some partitions of their table (CREATE TABLE ... LIKE ... AS SELECT, itself checked
        // here) hold only those: reading them whole reads only those partitions
        java.util.Set<String> bounded = new java.util.HashSet<>();
        java.util.regex.Pattern created = java.util.regex.Pattern.compile("CREATE OR REPLACE TABLE `([^`]+)`( LIKE)?");
        for (SentQuery query : gateway.sent().subList(sentBefore, gateway.sent().size())) {
            if (query.resolved() != null) {
                String head = query.sql().strip().lines().findFirst().orElse("");
                PartitionFilters.unfiltered(query.resolved(), partitioned, bounded).forEach(table -> reads.add(table
                        + " <- " + head.substring(0, Math.min(head.length(), 90))));
                java.util.regex.Matcher creates = created.matcher(head);
                if (creates.lookingAt()) {
                    if (creates.group(2) != null) {
                        bounded.add(creates.group(1));
                    } else {
                        bounded.remove(creates.group(1));
                    }
                }
            }
        }
        return reads;
    }

    /** The statements sent since the test began ({@code run} only names which run for the reader). */
    private String sql(RunRecord run) {
        return String.join("\n;\n", gateway.sent().subList(sentBefore, gateway.sent().size()).stream()
                .map(SentQuery::sql).toList());
    }
}
