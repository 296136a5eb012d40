package dev.estore.gcp.bigquery;

import static dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway.loadError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.StandardSQLTypeName;
import dev.estore.gcp.bigquery.BigQueryGateway.LoadJobOutcome;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway.SentQuery;
import dev.estore.gcp.bigquery.offline.BigQuerySqlAnalyzer;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.loading.RowRules;
import dev.estore.shared.ports.RawEventsStore.AlreadyLoaded;
import dev.estore.shared.ports.RawEventsStore.LoadOutcome;
import dev.estore.shared.ports.RawEventsStore.LoadRequest;
import dev.estore.shared.ports.RawEventsStore.Loaded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BigQuery raw load end to end against the offline analyzer: every statement it sends is valid GoogleSQL
 * against the raw tables' schemas, the load job is configured as the loader relies on, the ledger transaction runs
 * in one session in the right order, and the job's errors become rejects.
 */
class BigQueryRawEventsStoreOfflineTest {

    static final ObjectRef OBJECT = new ObjectRef("raw-bucket", "events/2019-10.csv", 42L);
    static final LoadRequest REQUEST = new LoadRequest("load-1", OBJECT, "gs://raw-bucket/events/2019-10.csv", false);

    AnalyzingBigQueryGateway gateway;
    BigQueryRawEventsStore store;

    @BeforeEach
    void store() {
        gateway = new AnalyzingBigQueryGateway(new BigQuerySqlAnalyzer());
        BigQueryWarehouse warehouse = new BigQueryWarehouse(gateway, new Datasets("test-project", "estore_"), "EU");
        store = new BigQueryRawEventsStore(warehouse, gateway, 50);
    }

    @Test
    void loadsFromTheBucketThroughStagingAndRecordsRejectsAndLedgerInOneTransaction() {
        gateway.loadsAnswer(new LoadJobOutcome(8, 2, List.of(
                loadError("Error while reading data, error message: Could not parse 'abc' as INT64 for field "
                        + "product_id (position 2) starting at line 4"),
                loadError("Error while reading data, error message: Too many values in row starting at position: "
                        + "311")), null));
        gateway.respondWith((sql, row) -> {
            if (sql.contains("status IN ('LOADED', 'QUARANTINED')")) {
                return List.of();
            }
            if (sql.contains("SELECT generation FROM")) {
                return List.of(Map.of("generation", 41L));
            }
            if (sql.contains("rule_breaking")) {
                return List.of(Map.of("rows_loaded", 7L, "rule_breaking", 1L,
                        "min_event_time", Instant.parse("2019-10-01T00:00:04Z"),
                        "max_event_time", Instant.parse("2019-10-31T23:59:59Z")));
            }
            return List.of(row);
        });

        LoadOutcome outcome = store.load(REQUEST);

        assertThat(outcome).isInstanceOf(Loaded.class);
        Loaded loaded = (Loaded) outcome;
        assertThat(loaded.replacedGeneration()).isEqualTo(41L);
        assertThat(loaded.record().rowsLoaded()).isEqualTo(7);
        assertThat(loaded.record().rowsRejected()).as("2 bad records of the job + 1 rule reject").isEqualTo(3);

        LoadJobConfiguration job = gateway.loads().get(0);
        assertThat(job.getSourceUris()).containsExactly("gs://raw-bucket/events/2019-10.csv");
        assertThat(job.getDestinationTable().getDataset()).isEqualTo("estore_raw");
        assertThat(job.getDestinationTable().getTable()).isEqualTo("_staging_load_1");
        assertThat(job.getSchema()).isEqualTo(BigQueryJobs.RAW_CSV_SCHEMA);
        assertThat(job.getAutodetect()).isFalse();
        assertThat(job.getCsvOptions().getSkipLeadingRows()).isEqualTo(1);
        assertThat(job.getCsvOptions().allowJaggedRows()).isFalse();
        assertThat(job.getMaxBadRecords()).isEqualTo(50);
        assertThat(job.getWriteDisposition()).isEqualTo(JobInfo.WriteDisposition.WRITE_APPEND);
        assertThat(job.getCreateDisposition()).isEqualTo(JobInfo.CreateDisposition.CREATE_NEVER);

        List<SentQuery> transaction = gateway.sent().stream()
                .filter(query -> query.createSession() || "session-1".equals(query.sessionId())).toList();
        assertThat(transaction).extracting(query -> firstWords(query.sql())).containsExactly(
                "BEGIN TRANSACTION", "UPDATE `test-project.estore_raw.load_lock` SET", "SELECT * FROM",
                "SELECT generation FROM", "UPDATE `test-project.estore_raw.loads` SET",
                "DELETE FROM `test-project.estore_raw.events`", "DELETE FROM `test-project.estore_raw.load_rejects`",
                "INSERT INTO `test-project.estore_raw.load_rejects`", "INSERT INTO `test-project.estore_raw.load_rejects`",
                "INSERT INTO `test-project.estore_raw.events`", "INSERT INTO `test-project.estore_raw.loads`",
                "COMMIT TRANSACTION", "CALL BQ.ABORT_SESSION()");
        SentQuery readerRejects = transaction.get(7);
        assertThat(readerRejects.parameters()).hasSize(14);
        assertThat(readerRejects.parameters().get(4).getValue()).isEqualTo("4");
        assertThat(readerRejects.parameters().get(11).getValue()).isNull();
        // the loader's rules (RowRules), the same the DuckDB adapter renders, in GoogleSQL the analyzer accepted
        assertThat(transaction.get(8).sql()).contains(RowRules.reason(new BigQueryDialect()))
                .contains(RowRules.anyBroken());
        assertThat(transaction.get(9).sql()).contains(RowRules.anyBroken());
        assertThat(job.getSchema().getFields()).extracting(field -> field.getName())
                .containsExactlyElementsOf(RowRules.RAW_COLUMNS.stream().map(RowRules.RawColumn::name).toList());
        assertThat(gateway.sent().get(gateway.sent().size() - 1).sql())
                .isEqualTo("DROP TABLE IF EXISTS `test-project.estore_raw._staging_load_1`");
        assertThat(gateway.analyzer().relations()).containsKeys("test-project.estore_raw.events",
                "test-project.estore_raw.load_rejects", "test-project.estore_raw.loads")
                .doesNotContainKey("test-project.estore_raw._staging_load_1");
    }

    @Test
    void timesLoadAsTextAndOneThatDoesNotParseIsARejectedRowNotABadRecordOfTheJob() {
        gateway.respondWith((sql, row) -> sql.contains("status IN ('LOADED', 'QUARANTINED')") ? List.of()
                : sql.contains("rule_breaking") ? List.of(Map.of("rows_loaded", 1L, "rule_breaking", 1L))
                : List.of(row));

        store.load(REQUEST);

        // REES46's "2019-10-01 00:00:04 UTC" is not a CSV timestamp BigQuery documents: the job reads text
        assertThat(gateway.loads().get(0).getSchema().getFields().get("event_time").getType().getStandardType())
                .isEqualTo(StandardSQLTypeName.STRING);
        List<String> transaction = gateway.sent().stream().map(SentQuery::sql).toList();
        String parse = "SAFE.PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%S UTC', event_time) AS event_time";
        assertThat(transaction).filteredOn(sql -> sql.startsWith("INSERT INTO `test-project.estore_raw.load_rejects`")
                && sql.contains("raw_line")).singleElement().satisfies(sql -> assertThat(sql).contains(parse)
                .contains("is not a time like 2019-10-01 00:00:04 UTC").contains("WHERE " + RawTablesSql.REFUSED));
        assertThat(transaction).filteredOn(sql -> sql.startsWith("INSERT INTO `test-project.estore_raw.events`"))
                .singleElement().satisfies(sql -> assertThat(sql).contains(parse)
                        .contains("WHERE NOT " + RawTablesSql.REFUSED));
    }

    @Test
    void aTransactionAbortedByAConcurrentLoadIsRunAgainOnTheSameStagingTableWithoutASecondLoadJob() {
        java.util.concurrent.atomic.AtomicInteger ledgerReads = new java.util.concurrent.atomic.AtomicInteger();
        gateway.respondWith((sql, row) -> {
            if (sql.contains("status IN ('LOADED', 'QUARANTINED')")) {
                if (ledgerReads.incrementAndGet() == 2) { // the first read inside the first transaction
                    throw new BigQueryWarehouseException("BigQuery refused: Transaction is aborted due to concurrent "
                            + "update against table test-project.estore_raw.loads (invalidQuery) in: SELECT ...");
                }
                return List.of();
            }
            return sql.contains("rule_breaking") ? List.of(Map.of("rows_loaded", 7L, "rule_breaking", 0L))
                    : List.of(row);
        });

        assertThat(store.load(REQUEST)).isInstanceOf(Loaded.class);

        assertThat(gateway.loads()).as("the load job is not run again").hasSize(1);
        List<String> sql = gateway.sent().stream().map(SentQuery::sql).toList();
        assertThat(sql).filteredOn(statement -> statement.equals("BEGIN TRANSACTION")).hasSize(2);
        assertThat(sql).filteredOn(statement -> statement.equals("ROLLBACK TRANSACTION")).hasSize(1);
        assertThat(sql).filteredOn(statement -> statement.startsWith("INSERT INTO `test-project.estore_raw.loads`"))
                .hasSize(1);
        assertThat(BigQueryRawEventsStore.isRetryable(new BigQueryWarehouseException("BigQuery refused: Exceeded "
                + "rate limits (rateLimitExceeded) in: UPDATE ..."))).isTrue();
        assertThat(BigQueryRawEventsStore.isRetryable(new BigQueryWarehouseException("BigQuery refused: Syntax "
                + "error (invalidQuery) in: SELECT"))).isFalse();
    }

    @Test
    void aGenerationTheLedgerHoldsIsNotLoadedAgain() {
        gateway.respondWith((sql, row) -> List.of(Map.of("load_id", "load-0", "bucket", OBJECT.bucket(), "object",
                OBJECT.name(), "generation", 42L, "status", "LOADED", "rows_loaded", 7L, "rows_rejected", 0L)));

        assertThat(store.load(REQUEST)).isInstanceOf(AlreadyLoaded.class);
        assertThat(gateway.loads()).isEmpty();
    }

    @Test
    void aJobOverTheBadRecordsBudgetFailsNamingTheFileAndTheSetting() {
        gateway.respondWith((sql, row) -> sql.contains("status IN") ? List.of() : List.of(row));
        gateway.loadsAnswer(new LoadJobOutcome(0, 51, List.of(), loadError("Too many errors encountered.")));

        assertThatThrownBy(() -> store.load(REQUEST)).hasMessageContaining("gs://raw-bucket/events/2019-10.csv")
                .hasMessageContaining("estore.bigquery.max-bad-records=50");
        assertThat(gateway.sent()).noneMatch(query -> query.sql().startsWith("BEGIN TRANSACTION"));
        assertThat(gateway.sent().get(gateway.sent().size() - 1).sql()).startsWith("DROP TABLE IF EXISTS");
    }

    @Test
    void ledgerReadsAreValidQueries() {
        gateway.respondWith((sql, row) -> List.of());
        store.find("load-1");
        store.recent(20);
        store.rejects("load-1", 100);
        assertThat(gateway.sent()).extracting(SentQuery::sql).anyMatch(sql -> sql.contains("LIMIT ?"));
    }

    private static String firstWords(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        for (String prefix : List.of("BEGIN TRANSACTION", "COMMIT TRANSACTION", "CALL BQ.ABORT_SESSION()",
                "SELECT * FROM", "SELECT generation FROM")) {
            if (flat.startsWith(prefix)) {
                return prefix;
            }
        }
        String[] words = flat.split(" ");
        return words[0] + " " + words[1] + " " + words[2];
    }
}
