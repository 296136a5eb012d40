package dev.estore.gcp.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.Credentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.ConnectionProperty;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import dev.estore.gcp.bigquery.BigQueryGateway.QueryRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The BigQuery client settings and job configurations the adapter builds, inspected without a cloud. */
class BigQueryJobsTest {

    @Test
    void aQueryIsGoogleSqlWithPositionalParameters() {
        QueryJobConfiguration job = BigQueryJobs.query(QueryRequest.of("SELECT * FROM t WHERE a = ? AND b = ?",
                QueryParameters.all("x", 42L)));

        assertThat(job.useLegacySql()).isFalse();
        assertThat(job.getPositionalParameters()).containsExactly(QueryParameterValue.string("x"),
                QueryParameterValue.int64(42L));
        assertThat(job.createSession()).isNull();
        assertThat(job.getConnectionProperties()).isNull();
    }

    @Test
    void aTransactionStartsASessionAndItsQueriesRunInIt() {
        QueryJobConfiguration begin = BigQueryJobs.query(new QueryRequest("BEGIN TRANSACTION", List.of(), null, true));
        QueryJobConfiguration inside = BigQueryJobs.query(new QueryRequest("DELETE FROM t WHERE a = ?",
                QueryParameters.all("x"), "session-7", false));

        assertThat(begin.createSession()).isTrue();
        assertThat(inside.getConnectionProperties())
                .containsExactly(ConnectionProperty.of("session_id", "session-7"));
    }

    @Test
    void parametersAreTypedFromTheirJavaValues() {
        assertThat(QueryParameters.of(7).getType()).isEqualTo(StandardSQLTypeName.INT64);
        assertThat(QueryParameters.of(new BigDecimal("1.50")).getType()).isEqualTo(StandardSQLTypeName.NUMERIC);
        assertThat(QueryParameters.of(true).getType()).isEqualTo(StandardSQLTypeName.BOOL);
        assertThat(QueryParameters.of(LocalDate.parse("2019-10-01")).getValue()).isEqualTo("2019-10-01");
        assertThat(QueryParameters.of(Instant.parse("2019-10-01T00:00:04.5Z")).getValue())
                .isEqualTo("2019-10-01 00:00:04.500000+00:00");
        QueryParameterValue none = QueryParameters.of((Object) null);
        assertThat(none.getType()).isEqualTo(StandardSQLTypeName.STRING);
        assertThat(none.getValue()).isNull();
        assertThatThrownBy(() -> QueryParameters.of(new Object())).hasMessageContaining("No BigQuery parameter type");
    }

    @Test
    void theClientHonoursProjectLocationAndHostOverride() {
        BigQueryOptions local = BigQueryClientProducer.options(Optional.of("estore-test"),
                Optional.of("http://127.0.0.1:9050"), "EU", () -> {
                    throw new AssertionError("a stand-in needs no credentials");
                });
        Credentials attached = NoCredentials.getInstance();
        BigQueryOptions cloud = BigQueryClientProducer.options(Optional.of("estore-prod"), Optional.empty(),
                "europe-west3", () -> attached);

        assertThat(local.getProjectId()).isEqualTo("estore-test");
        assertThat(local.getHost()).isEqualTo("http://127.0.0.1:9050");
        assertThat(local.getLocation()).isEqualTo("EU");
        assertThat(cloud.getHost()).as("the library's Google endpoint").startsWith("https://").endsWith("googleapis.com");
        assertThat(cloud.getLocation()).isEqualTo("europe-west3");
        assertThat(cloud.getCredentials()).as("the extensions' shared credentials").isSameAs(attached);
    }

    @Test
    void datasetsArePrefixedSchemasAndRelationsFullyQualified() {
        Datasets datasets = new Datasets("p", "staging_estore_");

        assertThat(datasets.relation("marts", "fct_events")).isEqualTo("`p.staging_estore_marts.fct_events`");
        assertThat(datasets.table("raw", "events").getDataset()).isEqualTo("staging_estore_raw");
    }

    @Test
    void rejectLinesComeFromTheMessageWhenBigQueryNamesOne() {
        assertThat(BigQueryRawEventsStore.lineOf(new com.google.cloud.bigquery.BigQueryError("invalid", "gs://b/o",
                "Error while reading data, error message: CSV table references column position 9, but line "
                        + "starting at position:311 contains only 3 columns. line 12"))).isEqualTo(12L);
        assertThat(BigQueryRawEventsStore.lineOf(new com.google.cloud.bigquery.BigQueryError("invalid", "gs://b/o",
                "Could not parse 'abc' as INT64 for field product_id (position 2) starting at location 120")))
                .isNull();
        assertThat(BigQueryRawEventsStore.lineOf(new com.google.cloud.bigquery.BigQueryError("invalid", "gs://b/o",
                "Error while reading data, error message: Could not parse 'abc' as INT64 for field product_id "
                        + "(position 2) starting at location 120 with message 'Unable to parse'; line_number: 3 "
                        + "byte_offset_to_start_of_line: 120 column_index: 2 column_name: \"product_id\""))).isEqualTo(3L);
    }
}
