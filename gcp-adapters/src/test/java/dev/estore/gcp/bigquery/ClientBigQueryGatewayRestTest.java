package dev.estore.gcp.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.TableId;
import dev.estore.gcp.bigquery.BigQueryGateway.LoadJobOutcome;
import dev.estore.gcp.bigquery.BigQueryGateway.QueryOutcome;
import dev.estore.gcp.bigquery.BigQueryGateway.QueryRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway on the real BigQuery client, pointed by {@code host-override} at a local stand-in of the REST API:
 * what the client sends (job configurations, location, session, parameters) and how answers are read back.
 */
class ClientBigQueryGatewayRestTest {

    BigQueryRestStandIn standIn;
    ClientBigQueryGateway gateway;

    @BeforeEach
    void gateway() throws Exception {
        standIn = new BigQueryRestStandIn();
        BigQueryConfig config = new BigQueryConfig() {
            @Override
            public String datasetPrefix() {
                return "estore_";
            }

            @Override
            public String location() {
                return "EU";
            }

            @Override
            public int maxBadRecords() {
                return 50;
            }

            @Override
            public Optional<Long> maximumBytesBilled() {
                return Optional.of(10_000_000_000L);
            }

            @Override
            public java.time.Duration staleSessionAfter() {
                return java.time.Duration.ofMinutes(15);
            }
        };
        gateway = new ClientBigQueryGateway(BigQueryClientProducer.options(Optional.of("test-project"),
                Optional.of(standIn.url()), "EU", () -> null).getService(), config);
    }

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void aQueryJobCarriesItsParametersSessionAndLocationAndItsRowsAreTyped() {
        standIn.jobStatistics = "{\"query\": {\"numDmlAffectedRows\": \"0\"}, \"sessionInfo\": {\"sessionId\": "
                + "\"sess-1\"}}";
        standIn.queryResults = """
                {"schema": {"fields": [{"name": "n", "type": "INTEGER"}, {"name": "at", "type": "TIMESTAMP"},
                                       {"name": "price", "type": "NUMERIC"}, {"name": "d", "type": "DATE"},
                                       {"name": "s", "type": "STRING"}]},
                 "rows": [{"f": [{"v": "3"}, {"v": "1569888004.0"}, {"v": "1.50"}, {"v": "2019-10-01"}, {"v": null}]}],
                 "totalRows": "1"}""";

        QueryOutcome outcome = gateway.query(new QueryRequest("SELECT ? AS s", QueryParameters.all("x"), null, true));

        JsonNode job = standIn.lastInsertedJob();
        assertThat(job.at("/jobReference/location").asText()).isEqualTo("EU");
        assertThat(job.at("/jobReference/projectId").asText()).isEqualTo("test-project");
        assertThat(job.at("/configuration/query/query").asText()).isEqualTo("SELECT ? AS s");
        assertThat(job.at("/configuration/query/useLegacySql").asBoolean()).isFalse();
        assertThat(job.at("/configuration/query/createSession").asBoolean()).isTrue();
        assertThat(job.at("/configuration/query/maximumBytesBilled").asText()).isEqualTo("10000000000");
        assertThat(job.at("/configuration/query/queryParameters/0/name").isMissingNode())
                .as("positional: no name; %s", job).isTrue();
        assertThat(job.at("/configuration/query/queryParameters/0/parameterType/type").asText()).isEqualTo("STRING");
        assertThat(job.at("/configuration/query/queryParameters/0/parameterValue/value").asText()).isEqualTo("x");
        assertThat(outcome.sessionId()).isEqualTo("sess-1");
        Map<String, Object> row = outcome.rows().get(0);
        assertThat(row.get("n")).isEqualTo(3L);
        assertThat(row.get("at")).isEqualTo(Instant.parse("2019-10-01T00:00:04Z"));
        assertThat(row.get("price")).isEqualTo(new BigDecimal("1.50"));
        assertThat(row.get("d")).isEqualTo(LocalDate.parse("2019-10-01"));
        assertThat(row).containsEntry("s", null);
    }

    @Test
    void queriesOfATransactionRunInItsSession() {
        standIn.jobStatistics = "{\"query\": {\"numDmlAffectedRows\": \"4\"}}";

        QueryOutcome outcome = gateway.query(new QueryRequest("DELETE FROM t WHERE a = ?", QueryParameters.all(1L),
                "sess-1", false));

        JsonNode job = standIn.lastInsertedJob();
        assertThat(job.at("/configuration/query/connectionProperties/0/key").asText()).isEqualTo("session_id");
        assertThat(job.at("/configuration/query/connectionProperties/0/value").asText()).isEqualTo("sess-1");
        assertThat(outcome.affectedRows()).isEqualTo(4);
    }

    @Test
    void aFailedJobNamesTheStatementAndBigQuerysReason() {
        standIn.jobStatus = "{\"state\": \"DONE\", \"errorResult\": {\"reason\": \"invalidQuery\", \"message\": "
                + "\"Transaction control statements are supported only in scripts or sessions\"}}";

        assertThatThrownBy(() -> gateway.query(QueryRequest.of("COMMIT TRANSACTION", List.of())))
                .isInstanceOf(BigQueryWarehouseException.class)
                .hasMessageContaining("Transaction control statements").hasMessageContaining("invalidQuery")
                .hasMessageContaining("COMMIT TRANSACTION");
    }

    @Test
    void aQueryOverTheBytesCapFailsNamingTheSetting() {
        standIn.jobStatus = "{\"state\": \"DONE\", \"errorResult\": {\"reason\": \"bytesBilledLimitExceeded\", "
                + "\"message\": \"Query exceeded limit for bytes billed: 10000000000. 52428800000 or higher required.\"}}";

        assertThatThrownBy(() -> gateway.query(QueryRequest.of("SELECT * FROM `p.estore_marts.fct_events`", List.of())))
                .hasMessageContaining("bytesBilledLimitExceeded")
                .hasMessageContaining("estore.bigquery.maximum-bytes-billed=10000000000")
                .hasMessageContaining("fct_events");
    }

    @Test
    void aDryRunSendsADryRunJobAndReadsTheSchemaAndBytesItWouldProcess() {
        standIn.jobStatistics = "{\"query\": {\"totalBytesProcessed\": \"52428800\", \"schema\": {\"fields\": "
                + "[{\"name\": \"user_id\", \"type\": \"INTEGER\"}, {\"name\": \"revenue\", \"type\": \"NUMERIC\"}]}}}";

        BigQueryGateway.DryRun dryRun = gateway.dryRun("SELECT user_id, sum(price) AS revenue FROM t GROUP BY 1");

        JsonNode job = standIn.lastInsertedJob();
        assertThat(job.at("/configuration/dryRun").asBoolean()).as("%s", job).isTrue();
        assertThat(job.at("/configuration/query/useLegacySql").asBoolean()).isFalse();
        assertThat(job.at("/jobReference/location").asText()).isEqualTo("EU");
        assertThat(dryRun.bytesProcessed()).isEqualTo(52_428_800L);
        assertThat(dryRun.columns()).containsExactly(new BigQueryGateway.Column("user_id", "INT64", null),
                new BigQueryGateway.Column("revenue", "NUMERIC", null));
    }

    @Test
    void aLoadJobReadsTheObjectWithTheExplicitSchemaAndReportsItsBadRecords() {
        standIn.jobStatistics = "{\"load\": {\"outputRows\": \"998\", \"badRecords\": \"2\"}}";
        standIn.jobStatus = """
                {"state": "DONE", "errors": [
                  {"reason": "invalid", "location": "gs://raw-bucket/events/2019-10.csv",
                   "message": "Could not parse 'abc' as INT64 for field product_id (position 2) starting at location 120"},
                  {"reason": "invalid", "message": "Too many values in row starting at position: 311"}]}""";

        LoadJobOutcome outcome = gateway.load(BigQueryJobs.loadCsv("gs://raw-bucket/events/2019-10.csv",
                TableId.of("test-project", "estore_raw", "_staging_load_1"), 50));

        JsonNode load = standIn.lastInsertedJob().at("/configuration/load");
        assertThat(load.at("/sourceUris/0").asText()).isEqualTo("gs://raw-bucket/events/2019-10.csv");
        assertThat(load.at("/destinationTable/tableId").asText()).isEqualTo("_staging_load_1");
        assertThat(load.at("/sourceFormat").asText()).isEqualTo("CSV");
        assertThat(load.at("/skipLeadingRows").asInt()).isEqualTo(1);
        assertThat(load.at("/maxBadRecords").asInt()).isEqualTo(50);
        assertThat(load.at("/autodetect").asBoolean()).isFalse();
        assertThat(load.at("/writeDisposition").asText()).isEqualTo("WRITE_APPEND");
        assertThat(load.at("/schema/fields/0/name").asText()).isEqualTo("event_time");
        assertThat(load.at("/schema/fields/0/type").asText()).as("parsed in the load transaction")
                .isEqualTo("STRING");
        assertThat(load.at("/schema/fields").size()).isEqualTo(9);
        assertThat(outcome.outputRows()).isEqualTo(998);
        assertThat(outcome.badRecords()).isEqualTo(2);
        assertThat(outcome.errors()).hasSize(2);
        assertThat(outcome.failure()).isNull();
    }

    @Test
    void tablesViewsAndDatasetsAreReadAndCreated() {
        standIn.tables.put("estore_staging.stg_events", """
                {"kind": "bigquery#table", "tableReference": {"projectId": "test-project", "datasetId":
                 "estore_staging", "tableId": "stg_events"}, "type": "VIEW", "view": {"query": "select 1 as a"},
                 "schema": {"fields": [{"name": "a", "type": "INTEGER", "description": "one"}]}}""");

        assertThat(gateway.table(TableId.of("test-project", "estore_marts", "missing"))).isEmpty();
        var view = gateway.table(TableId.of("test-project", "estore_staging", "stg_events")).orElseThrow();
        assertThat(view.viewQuery()).isEqualTo("select 1 as a");
        assertThat(view.columns()).containsExactly(new BigQueryGateway.Column("a", "INT64", "one"));

        gateway.createDatasetIfAbsent(DatasetId.of("test-project", "estore_marts"), "EU");

        assertThat(standIn.datasets).containsKey("estore_marts");
        assertThat(standIn.datasets.get("estore_marts")).contains("\"location\":\"EU\"");
    }
}
