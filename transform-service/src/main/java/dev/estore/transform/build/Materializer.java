package dev.estore.transform.build;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;
import dev.estore.shared.ports.Warehouse.Audit;
import dev.estore.shared.ports.Warehouse.Transaction;
import dev.estore.transform.project.IncrementalStrategy;
import dev.estore.transform.project.Materialization;
import dev.estore.transform.project.ModelDefinition;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a model's compiled SELECT into its unpublished (audit) relation: replaced for a full build, changed in
 * place after {@link Audit#startFromPublished()} for an incremental one. Returns how it was built
 * ("full", "view", "partitions from 2019-11-30", "merge on user_id").
 */
final class Materializer {

    private final Warehouse warehouse;

    Materializer(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    String materialize(Audit audit, ModelDefinition model, String select, BuildRequest request) {
        boolean fullRefresh = request.fullRefresh();
        SqlDialect dialect = warehouse.dialect();
        Transaction transaction = audit.statements();
        String relation = audit.relation();
        if (model.materialization() == Materialization.VIEW) {
            transaction.execute(dialect.createOrReplaceView(relation, select));
            return "view";
        }
        List<String> existingColumns = warehouse.columnsOf(model.schema(), model.name());
        boolean incremental = model.materialization() == Materialization.INCREMENTAL && !fullRefresh
                && !existingColumns.isEmpty();
        if (!incremental) {
            transaction.execute(createTable(dialect, model, relation, select));
            return fullRefresh && model.materialization() == Materialization.INCREMENTAL ? "full refresh" : "full";
        }
        audit.startFromPublished();
        if (model.incrementalStrategy() == IncrementalStrategy.INSERT_OVERWRITE) {
            return insertOverwrite(transaction, dialect, model, relation, select, existingColumns,
                    request.changedFrom());
        }
        return merge(transaction, model, relation, select, existingColumns);
    }

    private static String createTable(SqlDialect dialect, ModelDefinition model, String relation, String select) {
        return dialect.createOrReplaceTable(relation, select,
                model.partitionBy() == null ? null : model.partitionBy().field(), model.clusterBy());
    }

    /**
     * Rewrites the partitions from the newest one present onward (the spec's rule), or from an earlier date when
     * older partitions changed too: new data dated before the newest partition (a late file), rows of the table
     * the model no longer returns (e.g. a product that new data showed under a second brand, whose events staging
     * now drops on every date) or rows the model returns that the table lacks (a late file whose build failed
     * or was lost). An empty table is built in full. This keeps any sequence of incremental builds equal to a
     * full rebuild, whatever happened to earlier builds.
     */
    private String insertOverwrite(Transaction transaction, SqlDialect dialect, ModelDefinition model,
            String relation, String select, List<String> columns, LocalDate changedFrom) {
        String field = model.partitionBy().field();
        Object newest = transaction.query("SELECT " + dialect.toText("max(" + field + ")") + " AS newest FROM "
                + relation).get(0).get("newest");
        if (newest == null) {
            transaction.execute(createTable(dialect, model, relation, select));
            return "full (table was empty)";
        }
        String from = earliest(newest.toString(), changedFrom == null ? null : changedFrom.toString(),
                firstDifferingPartition(transaction, dialect, model, relation, select));
        String cutoff = dialect.dateLiteral(from);
        String columnList = String.join(", ", columns);
        transaction.execute("DELETE FROM " + relation + " WHERE " + field + " >= " + cutoff);
        transaction.execute("INSERT INTO " + relation + " (" + columnList + ")\nSELECT " + columnList + " FROM ("
                + select + "\n) AS model_rows WHERE " + field + " >= " + cutoff);
        return "partitions from " + from;
    }

    /**
     * The earliest partition where the table and the model disagree on which keys exist (a key only in the table,
     * or only in the model); null when they agree (or the model has no key).
     */
    private static String firstDifferingPartition(Transaction transaction, SqlDialect dialect,
            ModelDefinition model, String relation, String select) {
        if (model.uniqueKey().isEmpty()) {
            return null;
        }
        String field = model.partitionBy().field();
        String key = model.uniqueKey().get(0);
        String on = model.uniqueKey().stream().map(column -> "current_rows." + column + " = model_rows." + column)
                .collect(Collectors.joining(" AND "));
        Object first = transaction.query("SELECT "
                + dialect.toText("min(coalesce(current_rows." + field + ", model_rows." + field + "))")
                + " AS first_differing FROM " + relation + " AS current_rows FULL OUTER JOIN (" + select
                + "\n) AS model_rows ON " + on + " WHERE model_rows." + key + " IS NULL OR current_rows." + key
                + " IS NULL").get(0).get("first_differing");
        return first == null ? null : first.toString();
    }

    private static String earliest(String... isoDates) {
        return java.util.Arrays.stream(isoDates).filter(java.util.Objects::nonNull).min(String::compareTo)
                .orElseThrow();
    }

    /**
     * Upserts by key and removes keys the query no longer returns, so any sequence of incremental builds ends
     * with the same table as a full rebuild. The MERGE syntax is shared by DuckDB and BigQuery.
     */
    private String merge(Transaction transaction, ModelDefinition model, String relation, String select,
            List<String> columns) {
        String on = model.uniqueKey().stream().map(key -> "target." + key + " = source." + key)
                .collect(Collectors.joining(" AND "));
        String updates = columns.stream().filter(column -> !model.uniqueKey().contains(column))
                .map(column -> column + " = source." + column).collect(Collectors.joining(", "));
        String changed = columns.stream().filter(column -> !model.uniqueKey().contains(column))
                .map(column -> "target." + column + " IS DISTINCT FROM source." + column)
                .collect(Collectors.joining(" OR "));
        String values = columns.stream().map(column -> "source." + column).collect(Collectors.joining(", "));
        transaction.execute("MERGE INTO " + relation + " AS target\nUSING (" + select + "\n) AS source\nON " + on
                + (updates.isEmpty() ? "" : "\nWHEN MATCHED AND (" + changed + ") THEN UPDATE SET " + updates)
                + "\nWHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES (" + values + ")"
                + "\nWHEN NOT MATCHED BY SOURCE THEN DELETE");
        return "merge on " + String.join(", ", model.uniqueKey());
    }
}
