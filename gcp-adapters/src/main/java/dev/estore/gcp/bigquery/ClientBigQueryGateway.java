package dev.estore.gcp.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableDefinition;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.bigquery.ViewDefinition;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The gateway on the BigQuery client: each query and load is a job in the configured location, awaited. */
@DefaultBean
@ApplicationScoped
public class ClientBigQueryGateway implements BigQueryGateway {

    private final BigQuery bigQuery;
    private final String location;
    private final Long maximumBytesBilled;

    public ClientBigQueryGateway(BigQuery bigQuery, BigQueryConfig config) {
        this.bigQuery = bigQuery;
        this.location = config.location();
        this.maximumBytesBilled = config.maximumBytesBilled().orElse(null);
    }

    @Override
    public QueryOutcome query(QueryRequest request) {
        Job job = await(create(JobInfo.of(jobId("estore_query_"), BigQueryJobs.query(request, maximumBytesBilled))),
                request.sql());
        try {
            TableResult result = job.getQueryResults();
            JobStatistics.QueryStatistics statistics = job.getStatistics();
            Long affected = statistics == null ? null : statistics.getNumDmlAffectedRows();
            String session = statistics != null && statistics.getSessionInfo() != null
                    ? statistics.getSessionInfo().getSessionId() : request.sessionId();
            return new QueryOutcome(rows(result), affected == null ? 0 : affected, session,
                    statistics == null ? null : statistics.getTotalBytesProcessed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BigQueryWarehouseException("Interrupted while reading the result of: " + brief(request.sql()), e);
        }
    }

    @Override
    public DryRun dryRun(String sql) {
        QueryJobConfiguration configuration = QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false)
                .setDryRun(true).build();
        // the job id carries the location; a dry run creates no job and bills nothing
        Job job = create(JobInfo.of(jobId("estore_dry_run_"), configuration));
        JobStatistics.QueryStatistics statistics = job.getStatistics();
        List<Column> columns = new ArrayList<>();
        Schema schema = statistics == null ? null : statistics.getSchema();
        if (schema != null) {
            for (Field field : schema.getFields()) {
                columns.add(new Column(field.getName(), field.getType().getStandardType().name(), null));
            }
        }
        Long bytes = statistics == null ? null : statistics.getTotalBytesProcessed();
        return new DryRun(columns, bytes == null ? 0 : bytes);
    }

    @Override
    public Optional<TableShape> table(TableId id) {
        Table table = call(() -> bigQuery.getTable(id), "reading table " + id);
        if (table == null) {
            return Optional.empty();
        }
        Schema schema = table.getDefinition().getSchema();
        List<Column> columns = new ArrayList<>();
        if (schema != null) {
            for (Field field : schema.getFields()) {
                columns.add(new Column(field.getName(), field.getType().getStandardType().name(),
                        field.getDescription()));
            }
        }
        String viewQuery = table.getDefinition() instanceof ViewDefinition view ? view.getQuery() : null;
        String layout = table.getDefinition() instanceof StandardTableDefinition standard ? layoutOf(standard) : null;
        return Optional.of(new TableShape(columns, viewQuery, layout));
    }

    /** Partitioning and clustering, as text that differs exactly when they do. */
    static String layoutOf(StandardTableDefinition table) {
        String partitioning = table.getTimePartitioning() != null
                ? table.getTimePartitioning().getType() + "(" + table.getTimePartitioning().getField() + ")"
                : table.getRangePartitioning() != null ? "RANGE(" + table.getRangePartitioning().getField() + ")"
                : "none";
        String clustering = table.getClustering() != null ? String.valueOf(table.getClustering().getFields()) : "[]";
        return "partition " + partitioning + " cluster " + clustering;
    }

    @Override
    public void describeColumns(TableId id, Map<String, String> descriptions) {
        Table table = call(() -> bigQuery.getTable(id), "reading table " + id);
        if (table == null) {
            throw new BigQueryWarehouseException("Cannot describe the columns of " + id + ": it does not exist");
        }
        TableDefinition definition = table.getDefinition();
        List<Field> fields = definition.getSchema().getFields().stream()
                .map(field -> descriptions.containsKey(field.getName())
                        ? field.toBuilder().setDescription(descriptions.get(field.getName())).build() : field)
                .toList();
        TableDefinition described = definition instanceof ViewDefinition view
                ? view.toBuilder().setSchema(Schema.of(fields)).build()
                : ((StandardTableDefinition) definition).toBuilder().setSchema(Schema.of(fields)).build();
        call(() -> table.toBuilder().setDefinition(described).build().update(), "describing the columns of " + id);
    }

    @Override
    public void createDatasetIfAbsent(DatasetId dataset, String datasetLocation) {
        if (call(() -> bigQuery.getDataset(dataset), "reading dataset " + dataset) == null) {
            call(() -> bigQuery.create(DatasetInfo.newBuilder(dataset).setLocation(datasetLocation).build()),
                    "creating dataset " + dataset + " in " + datasetLocation);
        }
    }

    @Override
    public LoadJobOutcome load(LoadJobConfiguration configuration) {
        Job job = create(JobInfo.of(jobId("estore_load_"), configuration));
        try {
            job = job.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BigQueryWarehouseException("Interrupted while loading " + configuration.getSourceUris(), e);
        }
        if (job == null) {
            throw new BigQueryWarehouseException("The load job of " + configuration.getSourceUris() + " vanished");
        }
        JobStatistics.LoadStatistics statistics = job.getStatistics();
        long output = statistics == null || statistics.getOutputRows() == null ? 0 : statistics.getOutputRows();
        long bad = statistics == null || statistics.getBadRecords() == null ? 0 : statistics.getBadRecords();
        List<com.google.cloud.bigquery.BigQueryError> errors = job.getStatus().getExecutionErrors() == null
                ? List.of() : job.getStatus().getExecutionErrors();
        return new LoadJobOutcome(output, bad, errors, job.getStatus().getError());
    }

    private JobId jobId(String prefix) {
        return JobId.newBuilder().setJob(prefix + UUID.randomUUID()).setLocation(location).build();
    }

    private Job create(JobInfo info) {
        return call(() -> bigQuery.create(info), "starting a job");
    }

    private Job await(Job job, String sql) {
        try {
            Job done = job.waitFor();
            if (done == null) {
                throw new BigQueryWarehouseException("The job of this statement vanished: " + brief(sql));
            }
            if (done.getStatus().getError() != null) {
                throw new BigQueryWarehouseException("BigQuery refused: " + done.getStatus().getError().getMessage()
                        + " (" + done.getStatus().getError().getReason() + ")"
                        + capHint(done.getStatus().getError().getReason()) + " in: " + brief(sql));
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BigQueryWarehouseException("Interrupted while waiting for: " + brief(sql), e);
        } catch (BigQueryException e) {
            throw new BigQueryWarehouseException("BigQuery refused: " + e.getMessage()
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")") + capHint(e.getReason()) + " in: "
                    + brief(sql), e);
        }
    }

    /** What to do when a query hit the configured cap. */
    private String capHint(String reason) {
        return "bytesBilledLimitExceeded".equals(reason) ? "; the cap is estore.bigquery.maximum-bytes-billed="
                + maximumBytesBilled + ": raise it if the query is meant to read that much, or find why it does not"
                + " prune its partitions" : "";
    }

    private <T> T call(java.util.function.Supplier<T> call, String what) {
        try {
            return call.get();
        } catch (BigQueryException e) {
            throw new BigQueryWarehouseException("BigQuery failed " + what + ": " + e.getMessage()
                    + credentialsHint(), e);
        }
    }

    /** Without credentials the client fails with a bare NullPointerException; say what is missing instead. */
    private String credentialsHint() {
        return bigQuery.getOptions().getCredentials() != null ? ""
                : " (no Google credentials were found: on Cloud Run or GKE attach the service's service account;"
                        + " elsewhere set GOOGLE_APPLICATION_CREDENTIALS or quarkus.google.cloud.service-account-location)";
    }

    static List<Map<String, Object>> rows(TableResult result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (result == null || result.getSchema() == null) {
            return rows;
        }
        FieldList fields = result.getSchema().getFields();
        for (FieldValueList values : result.iterateAll()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                row.put(fields.get(i).getName(), value(fields.get(i), values.get(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** BigQuery values as the Java types the DuckDB adapter returns (Long, BigDecimal, Instant, ...). */
    static Object value(Field field, FieldValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (field.getType().getStandardType()) {
            case INT64 -> value.getLongValue();
            case FLOAT64 -> value.getDoubleValue();
            case NUMERIC, BIGNUMERIC -> value.getNumericValue();
            case BOOL -> value.getBooleanValue();
            case TIMESTAMP -> value.getTimestampInstant();
            case DATE -> LocalDate.parse(value.getStringValue());
            default -> value.getStringValue();
        };
    }

    static String brief(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + " ..." : flat;
    }
}
