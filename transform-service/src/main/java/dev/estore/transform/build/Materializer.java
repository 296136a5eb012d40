package dev.estore.transform.build;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;
import dev.estore.shared.ports.Warehouse.Audit;
import dev.estore.shared.ports.Warehouse.Transaction;
import dev.estore.transform.project.IncrementalStrategy;
import dev.estore.transform.project.Materialization;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.sql.WindowSql;
import dev.estore.transform.window.ChangedWindow;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Writes a model's compiled SELECT into its unpublished (audit) relation: replaced for a full build, changed in
 * place after {@link Audit#startFromPublished()} for an incremental one, by the model's strategy. Returns how it
 * was built ("full", "view", "insert_overwrite of 31 day(s): 2019-11-01..2019-11-30", "merge on user_id").
 */
final class Materializer {

    private static final Logger LOG = Logger.getLogger(Materializer.class);

    private final Warehouse warehouse;

    Materializer(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * {@code replaced}: the rows a delete+insert or fold build replaces (null for other strategies);
     * {@code batched}: the statements of a build written in batches of days, or null for one statement.
     */
    String materialize(Audit audit, ModelDefinition model, String select, BuildPlan plan, ReplacedRows replaced,
            BatchedSelect batched) {
        SqlDialect dialect = warehouse.dialect();
        Transaction transaction = audit.statements();
        String relation = audit.relation();
        if (model.materialization() == Materialization.VIEW) {
            audit.makeWayFor(true);
            transaction.execute(dialect.createOrReplaceView(relation, select));
            return "view";
        }
        if (!plan.incremental()) {
            audit.makeWayFor(false);
            if (batched != null) {
                return plan.reason() + " " + createInBatches(transaction, model, relation, batched);
            }
            transaction.execute(createTable(dialect, model, relation, select));
            return plan.reason();
        }
        return switch (model.incrementalStrategy()) {
            case FOLD -> "fold of " + plan.window() + " by " + model.incremental().replaceBy() + " "
                    + deleteInsert(transaction, model, relation, select,
                            changedInPlace(audit, model, withinPredicates(replaced)), replaced);
            case INSERT_OVERWRITE -> insertOverwrite(transaction, model, relation, select,
                    changedInPlace(audit, model, WindowSql.dates(plan.window(), model.partitionBy().field(),
                            warehouse.dialect())), plan, batched);
            case MERGE -> merge(transaction, model, relation, select, changedInPlace(audit, model, null));
            case DELETE_INSERT -> "delete+insert by " + model.incremental().replaceBy() + " "
                    + deleteInsert(transaction, model, relation, select,
                            changedInPlace(audit, model, withinPredicates(replaced)), replaced);
        };
    }

    /**
     * Starts the unpublished relation from the published table, to be changed in place; returns its columns.
     * {@code changeable}: the rows the strategy can delete or change (null: any), so that an engine whose audit is
     * a relation of its own copies and publishes only those. A post_hook may change any row.
     */
    private List<String> changedInPlace(Audit audit, ModelDefinition model, String changeable) {
        List<String> columns = warehouse.columnsOf(model.schema(), model.name());
        if (changeable == null || !model.postHooks().isEmpty()) {
            audit.startFromPublished();
        } else {
            audit.startFromPublishedRows(changeable);
        }
        return columns;
    }

    /** A delete+insert or fold deletes only rows meeting every incremental predicate; null when it has none. */
    private static String withinPredicates(ReplacedRows replaced) {
        return replaced.predicates().isEmpty() ? null : replaced.predicates().stream()
                .map(predicate -> "(" + predicate + ")").collect(Collectors.joining(" AND "));
    }

    private static String createTable(SqlDialect dialect, ModelDefinition model, String relation, String select) {
        return dialect.createOrReplaceTable(relation, select, model.partitionField(), model.clusterBy(),
                model.sortOnWrite());
    }

    /** The rows as the model's writes should come: sorted for the engine's layout unless they already are. */
    private String inLayoutOrder(ModelDefinition model, String select) {
        return !model.sortOnWrite() ? select
                : warehouse.dialect().orderedForLayout(select, model.partitionField(), model.clusterBy());
    }

    /**
     * Replaces exactly the window's partitions: every row on those days goes, and the query's rows for them come
     * in. A row whose key survives with other values is replaced like any other; days outside the window are not
     * read or written. Batched, each batch of days is replaced by its own pair of statements.
     */
    private String insertOverwrite(Transaction transaction, ModelDefinition model, String relation, String select,
            List<String> columns, BuildPlan plan, BatchedSelect batched) {
        List<ChangedWindow> windows = batched == null ? List.of(plan.window()) : batched.batches();
        String columnList = String.join(", ", columns);
        long deleted = 0;
        long inserted = 0;
        for (int i = 0; i < windows.size(); i++) {
            long started = System.nanoTime();
            ChangedWindow window = windows.get(i);
            String inWindow = WindowSql.dates(window, model.partitionBy().field(), warehouse.dialect());
            long out = transaction.execute("DELETE FROM " + relation + " WHERE " + inWindow);
            long in = transaction.execute("INSERT INTO " + relation + " (" + columnList + ")\n"
                    + inLayoutOrder(model, "SELECT " + columnList + " FROM ("
                            + (batched == null ? select : batched.selectFor().apply(window))
                            + "\n) AS model_rows WHERE " + inWindow));
            deleted += out;
            inserted += in;
            if (batched != null) {
                logBatch(model, i, windows, in, started);
            }
        }
        return String.format("insert_overwrite of %s%s (%,d rows out, %,d in)", plan.window(),
                batched == null ? "" : " in " + windows.size() + " batches", deleted, inserted);
    }

    /** A full build in batches of days: the first creates the table, the others insert their days. */
    private String createInBatches(Transaction transaction, ModelDefinition model, String relation,
            BatchedSelect batched) {
        List<ChangedWindow> windows = batched.batches();
        long rows = 0;
        for (int i = 0; i < windows.size(); i++) {
            long started = System.nanoTime();
            String select = batched.selectFor().apply(windows.get(i));
            long written = i == 0
                    ? transaction.execute(createTable(warehouse.dialect(), model, relation, select))
                    : transaction.execute("INSERT INTO " + relation + "\n" + inLayoutOrder(model, select));
            rows += Math.max(written, 0);
            logBatch(model, i, windows, written, started);
        }
        return String.format("in %d batches of days (%,d rows)", windows.size(), rows);
    }

    /** A batch is progress worth a line: a month of a big source takes minutes. */
    private static void logBatch(ModelDefinition model, int index, List<ChangedWindow> windows, long rows,
            long startedNanos) {
        LOG.infof("%s: batch %d/%d (%s) wrote %s in %d ms", model.name(), index + 1, windows.size(),
                windows.get(index), rows < 0 ? "its rows" : String.format("%,d rows", rows),
                (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /**
     * Upserts the rows the query returns by key (null-safe, so a NULL key part matches itself); keys it does not
     * return are kept. The MERGE syntax is shared by DuckDB and BigQuery.
     */
    private String merge(Transaction transaction, ModelDefinition model, String relation, String select,
            List<String> columns) {
        String on = model.uniqueKey().stream().map(key -> "target." + key + " IS NOT DISTINCT FROM source." + key)
                .collect(Collectors.joining(" AND "));
        String updates = columns.stream().filter(column -> !model.uniqueKey().contains(column))
                .map(column -> column + " = source." + column).collect(Collectors.joining(", "));
        String changed = columns.stream().filter(column -> !model.uniqueKey().contains(column))
                .map(column -> "target." + column + " IS DISTINCT FROM source." + column)
                .collect(Collectors.joining(" OR "));
        String values = columns.stream().map(column -> "source." + column).collect(Collectors.joining(", "));
        long merged = transaction.execute("MERGE INTO " + relation + " AS target\nUSING (" + select
                + "\n) AS source\nON " + on
                + (updates.isEmpty() ? "" : "\nWHEN MATCHED AND (" + changed + ") THEN UPDATE SET " + updates)
                + "\nWHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES (" + values + ")");
        return String.format("merge on %s (%,d rows changed)", String.join(", ", model.uniqueKey()), merged);
    }

    /**
     * Replaces whole groups: the query's rows are staged once, every row of the target in a group they name (or
     * matching the extra condition: a group the query no longer returns), within the incremental predicates, is
     * deleted, and the staged rows are inserted. The staging table is dropped whatever happens. Returns the rows
     * out and in.
     */
    private String deleteInsert(Transaction transaction, ModelDefinition model, String relation, String select,
            List<String> columns, ReplacedRows replaced) {
        String staged = warehouse.stagingRelation(model.schema(), model.name() + "__changes");
        String columnList = String.join(", ", columns);
        try {
            transaction.execute(warehouse.dialect().createStagingTable(staged, select));
            long deleted = transaction.execute("DELETE FROM " + relation + " WHERE " + replaced.condition(staged));
            long inserted = transaction.execute("INSERT INTO " + relation + " (" + columnList + ")\n"
                    + inLayoutOrder(model, "SELECT " + columnList + " FROM " + staged));
            transaction.execute("DROP TABLE IF EXISTS " + staged);
            return String.format("(%,d rows out, %,d in)", deleted, inserted);
        } catch (RuntimeException e) {
            try {
                transaction.execute("DROP TABLE IF EXISTS " + staged);
            } catch (RuntimeException ignored) {
                // a failed DuckDB transaction rolls the staging table back with everything else
                e.addSuppressed(ignored);
            }
            throw e;
        }
    }
}
