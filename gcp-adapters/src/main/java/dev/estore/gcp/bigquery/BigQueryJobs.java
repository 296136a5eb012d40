package dev.estore.gcp.bigquery;

import com.google.cloud.bigquery.ConnectionProperty;
import com.google.cloud.bigquery.CsvOptions;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import dev.estore.shared.loading.RowRules;
import com.google.cloud.bigquery.TableId;
import dev.estore.gcp.bigquery.BigQueryGateway.QueryRequest;
import java.util.List;

/** The job configurations the adapter sends, built in one place so tests can inspect them without a cloud. */
public final class BigQueryJobs {

    /**
     * The raw CSV as REES46 writes it, with BigQuery types: a field that does not parse as its type (or a row
     * with another number of fields) is a bad record of the load job, not a failed file. Timestamps are the
     * exception: they load as text, because REES46 writes them with a " UTC" suffix that BigQuery's CSV reader is
     * not documented to accept (only an offset or Z); the load transaction parses them (RawTablesSql), so a time
     * that does not parse is a rejected row with its reason, as on DuckDB, rather than every row a bad record.
     */
    public static final Schema RAW_CSV_SCHEMA = Schema.of(RowRules.RAW_COLUMNS.stream()
            .map(column -> Field.of(column.name(), bigQueryType(column.type()))).toList());

    private static StandardSQLTypeName bigQueryType(RowRules.RawType type) {
        return switch (type) {
            case TIMESTAMP -> StandardSQLTypeName.STRING;
            case TEXT -> StandardSQLTypeName.STRING;
            case BIGINT -> StandardSQLTypeName.INT64;
            case MONEY -> StandardSQLTypeName.NUMERIC;
        };
    }

    private BigQueryJobs() {
    }

    /** GoogleSQL with positional parameters, in the request's session (or starting one). */
    public static QueryJobConfiguration query(QueryRequest request) {
        return query(request, null);
    }

    /** As {@link #query(QueryRequest)}, capped at {@code maximumBytesBilled} when it is not null. */
    public static QueryJobConfiguration query(QueryRequest request, Long maximumBytesBilled) {
        QueryJobConfiguration.Builder builder = QueryJobConfiguration.newBuilder(request.sql())
                .setUseLegacySql(false)
                .setPositionalParameters(request.parameters());
        if (request.createSession()) {
            builder.setCreateSession(true);
        }
        if (request.sessionId() != null) {
            builder.setConnectionProperties(List.of(ConnectionProperty.of("session_id", request.sessionId())));
        }
        if (maximumBytesBilled != null) {
            builder.setMaximumBytesBilled(maximumBytesBilled);
        }
        return builder.build();
    }

    /**
     * Loads one CSV object straight from Cloud Storage into a staging table: explicit schema (no autodetect),
     * header skipped, strict field counts, no quoted newlines, up to {@code maxBadRecords} rejected rows. The
     * staging table exists already (created empty with an expiration), so the job only appends to it.
     */
    public static LoadJobConfiguration loadCsv(String gsUri, TableId staging, int maxBadRecords) {
        CsvOptions csv = CsvOptions.newBuilder()
                .setSkipLeadingRows(1)
                .setFieldDelimiter(",")
                .setQuote("\"")
                .setEncoding("UTF-8")
                .setAllowJaggedRows(false)
                .setAllowQuotedNewLines(false)
                .build();
        return LoadJobConfiguration.newBuilder(staging, gsUri, csv)
                .setSchema(RAW_CSV_SCHEMA)
                .setAutodetect(false)
                .setMaxBadRecords(maxBadRecords)
                .setIgnoreUnknownValues(false)
                .setCreateDisposition(JobInfo.CreateDisposition.CREATE_NEVER)
                .setWriteDisposition(JobInfo.WriteDisposition.WRITE_APPEND)
                .build();
    }
}
