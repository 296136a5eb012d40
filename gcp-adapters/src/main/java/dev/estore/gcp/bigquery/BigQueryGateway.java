package dev.estore.gcp.bigquery;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.TableId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few BigQuery calls the warehouse and the raw store make, as one seam: {@link ClientBigQueryGateway} sends
 * them with the BigQuery client, and the offline tests put an analyzer behind it that checks every statement.
 */
public interface BigQueryGateway {

    /** Runs one query job (a statement or a script) and waits for it; a failed job is an exception. */
    QueryOutcome query(QueryRequest request);

    /** A dry run of one query: validated and estimated by BigQuery, not run, not billed. */
    DryRun dryRun(String sql);

    /** The columns a query would return (standard SQL type names) and the bytes it would process. */
    record DryRun(List<Column> columns, long bytesProcessed) {
    }

    /** The table or view, or empty when it does not exist. */
    Optional<TableShape> table(TableId table);

    /**
     * Sets the descriptions of some columns of a table or view in its schema (a metadata patch; BigQuery's DDL has
     * no column options for views).
     */
    void describeColumns(TableId table, Map<String, String> descriptions);

    void createDatasetIfAbsent(DatasetId dataset, String location);

    /** Runs a load job and waits for it; a job that failed outright comes back with its {@code failure}. */
    LoadJobOutcome load(LoadJobConfiguration configuration);

    /**
     * @param sessionId the session to run in (a transaction spans the queries of one session), or null
     * @param createSession start a new session with this query (its id comes back in the outcome)
     */
    record QueryRequest(String sql, List<QueryParameterValue> parameters, String sessionId, boolean createSession) {

        public static QueryRequest of(String sql, List<QueryParameterValue> parameters) {
            return new QueryRequest(sql, parameters, null, false);
        }
    }

    /** Rows as column-name maps; {@code affectedRows} for DML; the session the query ran in, if any. */
    /** {@code bytesProcessed}: as BigQuery bills the job (null when it does not say, e.g. a script statement). */
    record QueryOutcome(List<Map<String, Object>> rows, long affectedRows, String sessionId, Long bytesProcessed) {

        public QueryOutcome(List<Map<String, Object>> rows, long affectedRows, String sessionId) {
            this(rows, affectedRows, sessionId, null);
        }
    }

    record Column(String name, String type, String description) {
    }

    /** A table's columns, or a view's columns and its query. */
    /**
     * A table or view as BigQuery describes it; {@code layout} is a table's partitioning and clustering as text
     * (null when not known), which a COPY over it must keep.
     */
    record TableShape(List<Column> columns, String viewQuery, String layout) {

        public TableShape(List<Column> columns, String viewQuery) {
            this(columns, viewQuery, null);
        }

        public boolean isView() {
            return viewQuery != null;
        }
    }

    /** What a load job did: rows written, rows it rejected with their errors, and the error that failed it. */
    record LoadJobOutcome(long outputRows, long badRecords, List<BigQueryError> errors, BigQueryError failure) {
    }
}
