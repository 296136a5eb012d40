package dev.estore.gcp.bigquery;

import com.google.cloud.bigquery.BigQuery;
import dev.estore.gcp.bigquery.BigQueryGateway.QueryOutcome;
import dev.estore.gcp.bigquery.BigQueryGateway.QueryRequest;
import dev.estore.gcp.bigquery.BigQueryGateway.TableShape;
import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;
import dev.estore.shared.ports.WarehouseReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The warehouse port on BigQuery. Schemas are datasets ({@link Datasets}); a transaction is a BigQuery
 * multi-statement transaction in a session (BEGIN TRANSACTION, the work's queries, COMMIT or ROLLBACK), which
 * takes DML and queries but no DDL. Write-audit-publish therefore builds into an audit table beside the published
 * one ({@code <name>__audit}), lets the work test it there, and publishes it with one atomic
 * {@code CREATE OR REPLACE TABLE ... COPY}; a failed audit leaves the published table untouched. An incremental
 * build that changes only some partitions audits those alone ({@code CREATE TABLE ... LIKE ... AS SELECT} of their
 * rows) and publishes them by DELETE + INSERT of those partitions in one transaction, with its bookkeeping, in
 * the way dbt-bigquery's insert_overwrite replaces only the partitions it names.
 */
@ApplicationScoped
public class BigQueryWarehouse implements Warehouse {

    static final String AUDIT_SUFFIX = "__audit";
    private static final Logger LOG = Logger.getLogger(BigQueryWarehouse.class);
    private static final BigQueryDialect DIALECT = new BigQueryDialect();
    /** Bytes processed by this thread's queries, as billed: the cost of a model is the difference around it. */
    private static final ThreadLocal<WarehouseReads> PROCESSED =
            ThreadLocal.withInitial(() -> new WarehouseReads(null, 0L));

    private final BigQueryGateway gateway;
    private final Datasets datasets;
    private final String location;

    @Inject
    public BigQueryWarehouse(BigQueryGateway gateway, BigQuery client, BigQueryConfig config) {
        this(gateway, new Datasets(projectOf(client), config.datasetPrefix()), config.location());
    }

    private static String projectOf(BigQuery client) {
        String project = client.getOptions().getProjectId();
        if (project == null || project.isBlank()) {
            throw new IllegalStateException("The BigQuery warehouse has no project: set quarkus.google.cloud.project-id"
                    + " (or GOOGLE_CLOUD_PROJECT) to the project that holds the estore datasets");
        }
        return project;
    }

    public BigQueryWarehouse(BigQueryGateway gateway, Datasets datasets, String location) {
        this.gateway = gateway;
        this.datasets = datasets;
        this.location = location;
    }

    @Override
    public SqlDialect dialect() {
        return DIALECT;
    }

    /**
     * One metadata read (tables.get in the ops dataset, which every service may write; the table need not exist,
     * "not found" is an answer too), not a query job: a query job per probe would fill the job history and wait
     * for a slot. Fails when credentials, the API, the project or the dataset grant are wrong.
     */
    @Override
    public void checkReachable() {
        gateway.table(datasets.table("ops", "transform_runs"));
    }

    public Datasets datasets() {
        return datasets;
    }

    /**
     * Runs the work in a multi-statement transaction of its own session. BigQuery aborts a transaction whose
     * tables another transaction changed meanwhile; that surfaces here as an exception and nothing of the work
     * is kept.
     */
    @Override
    public <R> R inTransaction(TransactionWork<R> work) {
        String session = send(new QueryRequest("BEGIN TRANSACTION", List.of(), null, true)).sessionId();
        if (session == null) {
            throw new BigQueryWarehouseException("BEGIN TRANSACTION returned no session id; BigQuery transactions "
                    + "across queries need a session (check the client's createSession support)");
        }
        try {
            R result = work.run(new SessionTransaction(session));
            send(new QueryRequest("COMMIT TRANSACTION", List.of(), session, false));
            return result;
        } catch (RuntimeException | Error e) {
            rollback(session, e);
            throw e;
        } finally {
            endSession(session);
        }
    }

    /** One statement is atomic by itself and may be DDL, which a BigQuery transaction refuses. */
    @Override
    public void executeAtomically(List<String> statements) {
        if (statements.size() == 1) {
            run(statements.get(0));
            return;
        }
        Warehouse.super.executeAtomically(statements);
    }

    /** A single query needs no transaction. */
    @Override
    public List<Map<String, Object>> query(String sql, Object... parameters) {
        return send(QueryRequest.of(sql, QueryParameters.all(parameters))).rows();
    }

    @Override
    public String relation(String schema, String name) {
        return datasets.relation(schema, name);
    }

    @Override
    public boolean relationExists(String schema, String name) {
        return gateway.table(datasets.table(schema, name)).isPresent();
    }

    @Override
    public boolean isView(String schema, String name) {
        return gateway.table(datasets.table(schema, name)).map(BigQueryGateway.TableShape::isView).orElse(false);
    }

    @Override
    public List<String> columnsOf(String schema, String name) {
        return gateway.table(datasets.table(schema, name))
                .map(shape -> shape.columns().stream().map(BigQueryGateway.Column::name).toList())
                .orElse(List.of());
    }

    @Override
    public void ensureSchemas(List<String> schemas) {
        schemas.forEach(schema -> gateway.createDatasetIfAbsent(datasets.datasetId(schema), location));
    }

    /** BigQuery's dry run: the result's schema and the bytes the query would process, nothing run or billed. */
    @Override
    public QueryPreview preview(String select) {
        BigQueryGateway.DryRun dryRun = gateway.dryRun(select);
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        dryRun.columns().forEach(column -> columns.put(column.name(), column.type()));
        return new QueryPreview(columns, dryRun.bytesProcessed());
    }

    @Override
    public List<ColumnInfo> describeColumns(String schema, String name) {
        return gateway.table(datasets.table(schema, name))
                .map(shape -> shape.columns().stream().map(column -> new ColumnInfo(column.name(), column.type(),
                        BigQueryDialect.kindOf(column.type()), column.description())).toList())
                .orElse(List.of());
    }

    /**
     * The relation's description through DDL options (as dbt's persist_docs); column descriptions by a schema
     * patch, the one way that works for views too.
     */
    @Override
    public void documentRelation(String schema, String name, String description,
            Map<String, String> columnDescriptions) {
        TableShape shape = gateway.table(datasets.table(schema, name)).orElseThrow(() ->
                new BigQueryWarehouseException("Cannot document " + relation(schema, name) + ": it does not exist; "
                        + "build it first"));
        String kind = shape.isView() ? "VIEW " : "TABLE ";
        String relation = relation(schema, name);
        run("ALTER " + kind + relation + " SET OPTIONS (description = " + literal(description) + ")");
        List<String> existing = shape.columns().stream().map(BigQueryGateway.Column::name).toList();
        Map<String, String> known = new java.util.LinkedHashMap<>(columnDescriptions);
        known.keySet().retainAll(existing);
        if (!known.isEmpty()) {
            gateway.describeColumns(datasets.table(schema, name), known);
        }
    }

    @Override
    public <R> R writeAuditPublish(String schema, String name, AuditedWork<R> work) {
        String published = relation(schema, name);
        String audit = relation(schema, name + AUDIT_SUFFIX);
        try {
            AuditTable table = new AuditTable(published, audit);
            R result = work.run(table);
            if (table.rows != null) {
                publishRows(schema, name, published, audit, table.rows, table.beforePublish, table.withPublish);
                return result;
            }
            // BigQuery's publish is a copy job, which no transaction spans: what must precede it is committed
            // first, and the bookkeeping follows it at once
            runInTransaction(table.beforePublish);
            publish(schema, name, published, audit);
            runInTransaction(table.withPublish);
            return result;
        } finally {
            dropAudit(schema, name, audit);
        }
    }

    private void runInTransaction(List<PendingStatement> statements) {
        if (!statements.isEmpty()) {
            inTransaction(transaction -> {
                statements.forEach(statement -> transaction.execute(statement.sql(), statement.parameters()));
                return null;
            });
        }
    }

    /**
     * A table is published by an atomic copy over the old one; a view by re-creating it with the same query. BigQuery
     * refuses a COPY over a table of another partitioning or clustering (and over a view): then the old relation is
     * dropped first, and readers find no relation for the moment of the copy.
     */
    private void publish(String schema, String name, String published, String audit) {
        TableShape shape = auditShape(schema, name, published, audit);
        Optional<TableShape> current = gateway.table(datasets.table(schema, name));
        if (current.isPresent() && (current.get().isView() != shape.isView()
                || !shape.isView() && !java.util.Objects.equals(current.get().layout(), shape.layout()))) {
            LOG.infof("%s changes its kind or layout (%s -> %s): dropped and created again from its audited table",
                    published, current.get().isView() ? "view" : current.get().layout(),
                    shape.isView() ? "view" : shape.layout());
            run((current.get().isView() ? "DROP VIEW " : "DROP TABLE ") + published);
        }
        run(shape.isView() ? DIALECT.createOrReplaceView(published, shape.viewQuery())
                : DIALECT.replaceTableByCopy(published, audit));
    }

    /**
     * Publishes an audit that holds only some rows of the table (its changed partitions): those rows of the
     * published table are replaced by the audit's, with the bookkeeping, in one transaction. Both statements read
     * and write only the partitions {@code rows} names and the audit, never the rest of the table.
     */
    private void publishRows(String schema, String name, String published, String audit, String rows,
            List<PendingStatement> beforePublish, List<PendingStatement> withPublish) {
        String columns = String.join(", ", auditShape(schema, name, published, audit).columns().stream()
                .map(BigQueryGateway.Column::name).toList());
        inTransaction(transaction -> {
            beforePublish.forEach(statement -> transaction.execute(statement.sql(), statement.parameters()));
            transaction.execute("DELETE FROM " + published + " WHERE " + rows);
            transaction.execute("INSERT INTO " + published + " (" + columns + ")\nSELECT " + columns + " FROM "
                    + audit);
            withPublish.forEach(statement -> transaction.execute(statement.sql(), statement.parameters()));
            return null;
        });
    }

    /** The audit relation about to be published; gone means another build of the model dropped it. */
    private TableShape auditShape(String schema, String name, String published, String audit) {
        return gateway.table(datasets.table(schema, name + AUDIT_SUFFIX)).orElseThrow(() ->
                new BigQueryWarehouseException("The audit relation " + audit + " vanished before it was published "
                        + "to " + published + "; is another build of " + name + " running?"));
    }

    private void dropAudit(String schema, String name, String audit) {
        try {
            Optional<TableShape> shape = gateway.table(datasets.table(schema, name + AUDIT_SUFFIX));
            shape.ifPresent(found -> run((found.isView() ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ")
                    + audit));
        } catch (RuntimeException e) {
            LOG.warnf("The audit relation %s could not be dropped (the next build replaces it): %s", audit,
                    e.getMessage());
        }
    }

    private QueryOutcome run(String sql) {
        return send(QueryRequest.of(sql, List.of()));
    }

    @Override
    public WarehouseReads readsSoFar() {
        return PROCESSED.get();
    }

    /** Every query of this warehouse goes through here, so the bytes it processed are counted once. */
    private QueryOutcome send(QueryRequest request) {
        QueryOutcome outcome = gateway.query(request);
        if (outcome.bytesProcessed() != null) {
            PROCESSED.set(new WarehouseReads(null, PROCESSED.get().bytes() + outcome.bytesProcessed()));
        }
        return outcome;
    }

    private void rollback(String session, Throwable cause) {
        try {
            send(new QueryRequest("ROLLBACK TRANSACTION", List.of(), session, false));
        } catch (RuntimeException e) {
            // BigQuery has already ended a transaction that failed inside; the session's end discards the rest.
            LOG.debugf("ROLLBACK in session %s after '%s': %s", session, cause.getMessage(), e.getMessage());
        }
    }

    private void endSession(String session) {
        try {
            send(new QueryRequest("CALL BQ.ABORT_SESSION()", List.of(), session, false));
        } catch (RuntimeException e) {
            LOG.debugf("Ending session %s: %s (it expires by itself)", session, e.getMessage());
        }
    }

    static String literal(String text) {
        return text == null ? "NULL" : "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
                + "'";
    }

    /** The queries of one transaction, all in its session. */
    private final class SessionTransaction implements Transaction {

        private final String session;

        SessionTransaction(String session) {
            this.session = session;
        }

        @Override
        public long execute(String sql, Object... parameters) {
            return send(new QueryRequest(sql, QueryParameters.all(parameters), session, false))
                    .affectedRows();
        }

        @Override
        public List<Map<String, Object>> query(String sql, Object... parameters) {
            return send(new QueryRequest(sql, QueryParameters.all(parameters), session, false)).rows();
        }
    }

    /** The audit table: private to one build, so its statements need no transaction (each is atomic). */
    private final class AuditTable implements Audit, Transaction {

        private final String published;
        private final String audit;
        private final List<PendingStatement> withPublish = new java.util.ArrayList<>();
        private final List<PendingStatement> beforePublish = new java.util.ArrayList<>();
        /** The rows the audit started from, when it holds only those: they are what the publish replaces. */
        private String rows;

        AuditTable(String published, String audit) {
            this.published = published;
            this.audit = audit;
        }

        @Override
        public String relation() {
            return audit;
        }

        @Override
        public void startFromPublished() {
            run(DIALECT.replaceTableByCopy(audit, published));
        }

        @Override
        public void startFromPublishedRows(String rows) {
            run(DIALECT.replaceTableByRowsOf(audit, published, rows));
            this.rows = rows;
        }

        @Override
        public Transaction statements() {
            return this;
        }

        @Override
        public void withPublish(String sql, Object... parameters) {
            withPublish.add(new PendingStatement(sql, parameters));
        }

        @Override
        public void beforePublish(String sql, Object... parameters) {
            beforePublish.add(new PendingStatement(sql, parameters));
        }

        @Override
        public long execute(String sql, Object... parameters) {
            return send(QueryRequest.of(sql, QueryParameters.all(parameters))).affectedRows();
        }

        @Override
        public List<Map<String, Object>> query(String sql, Object... parameters) {
            return send(QueryRequest.of(sql, QueryParameters.all(parameters))).rows();
        }
    }

    private record PendingStatement(String sql, Object[] parameters) {
    }
}
