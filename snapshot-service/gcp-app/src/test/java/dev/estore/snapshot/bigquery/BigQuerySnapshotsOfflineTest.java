package dev.estore.snapshot.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLType.TypeKind;
import dev.estore.embedded.bus.InProcessEventBus;
import dev.estore.embedded.bus.RetryPolicy;
import dev.estore.embedded.work.ObservedWork;
import dev.estore.embedded.work.WorkInProgress;
import dev.estore.gcp.bigquery.BigQueryWarehouse;
import dev.estore.gcp.bigquery.Datasets;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway.SentQuery;
import dev.estore.gcp.bigquery.offline.BigQuerySqlAnalyzer;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.snapshot.TestWarehouses;
import dev.estore.snapshot.definition.DefinitionLoader;
import dev.estore.snapshot.definition.SnapshotCatalog;
import dev.estore.snapshot.query.SnapshotQueries;
import dev.estore.snapshot.run.SnapshotExecutor;
import dev.estore.snapshot.run.SnapshotOutcome;
import dev.estore.snapshot.run.SnapshotRun;
import dev.estore.snapshot.run.SnapshotRunLog;
import dev.estore.snapshot.run.SnapshotService;
import dev.estore.snapshot.run.TimestampLiteral;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import dev.estore.snapshot.run.SnapshotMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The packaged snapshots taken on BigQuery through the real snapshot-service code (service, executor, run log,
 * history and migration queries) with the BigQuery warehouse and dialect; every statement is analyzed by ZetaSQL
 * against the marts' and snapshots' schemas. The counts are answered so that every step runs: the table is
 * created, versions are closed by the MERGE and new ones inserted.
 */
class BigQuerySnapshotsOfflineTest {

    static final Set<String> CHANGE_COUNTS = Set.of("new_keys", "reappeared", "changed", "unchanged", "vanished");

    AnalyzingBigQueryGateway gateway;
    BigQueryWarehouse warehouse;
    WorkInProgress work;
    InProcessEventBus bus;

    @BeforeEach
    void warehouse() {
        BigQuerySqlAnalyzer analyzer = new BigQuerySqlAnalyzer();
        analyzer.put("test-project.estore_marts.dim_user_rfm", columns("user_id", TypeKind.TYPE_STRING,
                "recency_score", TypeKind.TYPE_INT64, "frequency_score", TypeKind.TYPE_INT64, "monetary_score",
                TypeKind.TYPE_INT64, "rfm_score", TypeKind.TYPE_INT64, "rfm_segment", TypeKind.TYPE_STRING), null);
        analyzer.put("test-project.estore_marts.dim_users", columns("user_id", TypeKind.TYPE_STRING,
                "activity_status", TypeKind.TYPE_STRING, "is_churned", TypeKind.TYPE_INT64, "customer_ltv",
                TypeKind.TYPE_NUMERIC, "purchase_count", TypeKind.TYPE_INT64, "days_since_last_purchase",
                TypeKind.TYPE_INT64, "last_event_date", TypeKind.TYPE_DATE), null);
        analyzer.put("test-project.estore_marts.people", columns("id", TypeKind.TYPE_INT64, "segment",
                TypeKind.TYPE_STRING, "score", TypeKind.TYPE_INT64, "changed_at", TypeKind.TYPE_TIMESTAMP), null);
        gateway = new AnalyzingBigQueryGateway(analyzer).respondWith((sql, row) -> {
            if (sql.startsWith("SELECT snapshot, detail")) {
                return List.of();
            }
            Map<String, Object> answered = new HashMap<>(row);
            CHANGE_COUNTS.stream().filter(row::containsKey).forEach(column -> answered.put(column, 1L));
            return List.of(answered);
        });
        warehouse = new BigQueryWarehouse(gateway, new Datasets("test-project", "estore_"), "EU");
        work = new WorkInProgress();
        bus = new InProcessEventBus(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)), work);
    }

    @Test
    void everyPackagedSnapshotRunsOnBigQuery() {
        SnapshotCatalog catalog = DefinitionLoader.fromClasspath();
        SnapshotService service = new SnapshotService(catalog, new SnapshotExecutor(warehouse),
                new SnapshotRunLog(warehouse), bus, new FailureReporter(bus), ObservedWork.countedBy(work),
                new SnapshotMetrics(new SimpleMeterRegistry()));

        SnapshotRun first = service.runAll("test");
        SnapshotRun second = service.runAll("test");

        assertThat(first.snapshots()).extracting(SnapshotOutcome::status, SnapshotOutcome::error)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(SnapshotOutcome.Status.SUCCESS, null));
        assertThat(second.status()).isEqualTo(SnapshotOutcome.Status.SUCCESS);
        String sql = String.join("\n;\n", gateway.sent().stream().map(SentQuery::sql).toList());
        assertThat(sql).contains("CREATE TABLE IF NOT EXISTS `test-project.estore_snapshots.snap_user_rfm` AS")
                .contains("MERGE INTO `test-project.estore_snapshots.snap_user_rfm` AS snap")
                .contains("WHEN NOT MATCHED BY SOURCE AND snap.valid_to IS NULL")
                .contains("INSERT INTO `test-project.estore_snapshots.snap_user_status`")
                .contains("TO_HEX(MD5(")
                .contains("CREATE TABLE IF NOT EXISTS `test-project.estore_ops.snapshot_runs` (run_id STRING");
        assertThat(gateway.sent()).filteredOn(query -> query.sql().startsWith("MERGE INTO"))
                .allMatch(query -> query.sessionId() != null, "runs inside the snapshot's transaction");

        SnapshotQueries queries = new SnapshotQueries(warehouse);
        var rfm = catalog.find("snap_user_rfm").orElseThrow();
        queries.sizes(rfm);
        queries.history(rfm, List.of("42"));
        queries.migrations(rfm, "rfm_segment", Instant.parse("2019-10-31T23:59:59Z"),
                Instant.parse("2019-11-30T23:59:59Z"));
        System.out.printf("ZetaSQL analyzed %d BigQuery statements of the snapshot-service%n",
                gateway.analyzer().analyzed().size());
    }

    @Test
    void theTimestampStrategyRunsOnBigQuery() {
        SnapshotExecutor executor = new SnapshotExecutor(warehouse);

        executor.run(TestWarehouses.peopleByTime(), TimestampLiteral.of(Instant.parse("2026-11-27T12:00:00Z")));

        assertThat(gateway.sent()).extracting(SentQuery::sql)
                .anyMatch(sql -> sql.contains("CAST(changed_at AS TIMESTAMP) AS snapshot_source_updated_at"))
                .anyMatch(sql -> sql.startsWith("MERGE INTO `test-project.estore_snapshots.snap_people_time`"));
    }

    private static Map<String, Type> columns(Object... namesAndKinds) {
        Map<String, Type> columns = new LinkedHashMap<>();
        for (int i = 0; i < namesAndKinds.length; i += 2) {
            columns.put((String) namesAndKinds[i], TypeFactory.createSimpleType((TypeKind) namesAndKinds[i + 1]));
        }
        return columns;
    }
}
