package dev.estore.shared.ports;

import java.util.List;
import java.util.Map;

/**
 * The analytical database the models run in (DuckDB embedded, BigQuery in the cloud). Statements are SQL in the
 * warehouse's own dialect; the model layer renders them for {@link #dialect()} first.
 */
public interface Warehouse {

    SqlDialect dialect();

    /**
     * Proves that the warehouse answers, as cheaply as the engine allows: no billed or logged query job where the
     * engine has them (health checks call it). Throws, with the reason, when it does not answer.
     */
    void checkReachable();

    /**
     * Runs the work in one transaction: it commits when the work returns and rolls back when it throws, so the
     * tables are either all changed or all as they were.
     */
    <R> R inTransaction(TransactionWork<R> work);

    /**
     * Runs the work in one transaction that is always rolled back, and returns what it returned: for work that only
     * looks (a preview of a model's columns, a unit test on stand-in tables) and must leave nothing behind.
     */
    default <R> R inRolledBackTransaction(TransactionWork<R> work) {
        final class RolledBack extends RuntimeException {
            private final transient Object result;

            RolledBack(Object result) {
                super("rolled back on purpose", null, false, false);
                this.result = result;
            }
        }
        try {
            inTransaction(transaction -> {
                throw new RolledBack(work.run(transaction));
            });
        } catch (RolledBack done) {
            @SuppressWarnings("unchecked")
            R result = (R) done.result;
            return result;
        }
        throw new IllegalStateException("a rolled-back transaction returned");
    }

    /** Runs the statements as one unit: all of them take effect or none does. */
    default void executeAtomically(List<String> statements) {
        inTransaction(transaction -> {
            for (String sql : statements) {
                transaction.execute(sql);
            }
            return null;
        });
    }

    /** Runs a query with positional parameters ({@code ?}) and returns the rows as column-name maps, in order. */
    default List<Map<String, Object>> query(String sql, Object... parameters) {
        return inTransaction(transaction -> transaction.query(sql, parameters));
    }

    /**
     * What this thread's statements have read so far (rows scanned, bytes read or processed); take the difference
     * around a piece of work for its cost. Unknown where the engine does not say.
     */
    default WarehouseReads readsSoFar() {
        return WarehouseReads.UNKNOWN;
    }

    /**
     * What a SELECT would return and what it would cost, without running it or leaving anything behind (a plan's
     * preview): its columns with their engine types, in order, and the bytes it would read where the engine
     * estimates them (BigQuery's dry run; null on DuckDB, whose cost the caller counts in rows).
     */
    QueryPreview preview(String select);

    /** See {@link #preview}. */
    record QueryPreview(Map<String, String> columns, Long bytesProcessed) {
    }

    /** A relation's fully qualified name, e.g. {@code marts.fct_events} or {@code `proj.estore_marts.fct_events`}. */
    String relation(String schema, String name);

    /**
     * Where a build step stages rows it reads back within the same transaction and then drops (a delete+insert's
     * new rows): a table beside the model's by default. See {@link SqlDialect#createStagingTable}.
     */
    default String stagingRelation(String schema, String name) {
        return relation(schema, name);
    }

    boolean relationExists(String schema, String name);

    /** Whether the relation is a view (false for a table and for no relation). */
    boolean isView(String schema, String name);

    /** The column names of a relation, in order; empty when it does not exist. */
    List<String> columnsOf(String schema, String name);

    /** The columns of a relation with their engine type, a portable kind and their description (null when none). */
    List<ColumnInfo> describeColumns(String schema, String name);

    /** Stores a table description and column descriptions in the warehouse's catalog (dbt's persist_docs). */
    void documentRelation(String schema, String name, String description, Map<String, String> columnDescriptions);

    /** Ensures the schemas (datasets) exist. */
    void ensureSchemas(List<String> schemas);

    /**
     * Write-audit-publish of one relation: the work writes the relation where readers do not see it yet
     * ({@link Audit#relation()}) and audits it there; when the work returns, the audited relation becomes the
     * published one in one atomic step, and when it throws the published relation stays exactly as it was.
     * DuckDB does all of it in one transaction on the relation itself (its DDL is transactional); BigQuery, whose
     * transactions allow no DDL, builds a separate audit table and publishes it with one copy (or, when only some
     * partitions changed, replaces those partitions in one transaction).
     */
    <R> R writeAuditPublish(String schema, String name, AuditedWork<R> work);

    /** The relation being written and audited, before it is published. */
    interface Audit {

        /** Where to write and what to test: the unpublished relation. */
        String relation();

        /**
         * Makes the unpublished relation start as a copy of the published table, for work that changes the table
         * rather than replacing it (incremental builds). A no-op where the audit is the published table itself.
         */
        void startFromPublished();

        /**
         * As {@link #startFromPublished()}, for work that deletes or changes only rows meeting {@code rows} (a
         * condition on the partition column: an incremental build's days). Where the audit is a relation of its own
         * it starts from those rows alone, and the publish replaces only them, so neither reads or writes the
         * table's other partitions; the rows the work inserts may fall anywhere. The audit then holds only those
         * rows: what is tested there must lie within them.
         */
        void startFromPublishedRows(String rows);

        /** Runs the work's statements and queries. */
        Transaction statements();

        /**
         * Before a relation of this kind (a view, or a table) replaces the published one: drops the published
         * relation when it is of the other kind (a model whose materialization changed), which CREATE OR REPLACE
         * refuses. Where the audit is the published relation (DuckDB) within the work's transaction, so readers
         * see the old relation or the new one; a no-op where the publish drops it (BigQuery).
         */
        default void makeWayFor(boolean view) {
        }

        /**
         * A statement (bookkeeping of what was built) that must take effect with the publish: in the same
         * transaction where the engine allows it (DuckDB), right after the publish otherwise (BigQuery). It is
         * dropped when the work throws.
         */
        void withPublish(String sql, Object... parameters);

        /**
         * A statement that must take effect before the publish, for a crash between a publish and bookkeeping that
         * cannot share a transaction (BigQuery's table copy): it is committed on its own just before the publish,
         * so such a crash leaves a state the next build recognises and repairs. Where the publish and the
         * bookkeeping are one transaction (DuckDB) it runs in that transaction. Dropped when the work throws.
         */
        void beforePublish(String sql, Object... parameters);
    }

    @FunctionalInterface
    interface AuditedWork<R> {
        R run(Audit audit);
    }

    /** A column as the warehouse's catalog describes it. */
    record ColumnInfo(String name, String engineType, ValueKind kind, String description) {
    }

    /** What kind of values a column holds, whatever the engine calls its type. */
    enum ValueKind { INTEGER, DECIMAL, FLOAT, TEXT, BOOLEAN, DATE, TIMESTAMP, OTHER }

    /** One open transaction. */
    interface Transaction {

        /** Runs a statement; returns the number of rows it changed, where the engine says. */
        long execute(String sql, Object... parameters);

        List<Map<String, Object>> query(String sql, Object... parameters);
    }

    @FunctionalInterface
    interface TransactionWork<R> {
        R run(Transaction transaction);
    }
}
