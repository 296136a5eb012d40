package dev.estore.gcp.bigquery.offline;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.TableId;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedQueryStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import dev.estore.gcp.bigquery.BigQueryGateway;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A stand-in for BigQuery behind the adapter's gateway: every query job's SQL goes through
 * {@link BigQuerySqlAnalyzer} (with its positional parameters' types) and is recorded; queries answer one row of
 * plausible values for the columns ZetaSQL resolved (0 for integers, so data tests pass), unless the test's
 * responder says otherwise; DML reports one changed row; tables and views are what the analyzed DDL created.
 * Load jobs are checked for the settings the loader relies on and answer the test's {@link LoadJobOutcome}.
 */
public final class AnalyzingBigQueryGateway implements BigQueryGateway {

    private final List<TableId> tablesAsked = new ArrayList<>();
    /** Partitioning and clustering per relation ("project.dataset.table"), as a test declares them. */
    private final Map<String, String> layouts = new LinkedHashMap<>();

    /**
     * One query job as sent: SQL, parameters, session, the output columns ZetaSQL resolved for a query (empty
     * for other statements and for a statement it rejected), and the resolved statement (null when rejected).
     */
    public record SentQuery(String sql, List<QueryParameterValue> parameters, String sessionId,
            boolean createSession, Map<String, Type> outputColumns, ResolvedStatement resolved) {
    }

    private final BigQuerySqlAnalyzer analyzer;
    private final List<SentQuery> sent = new CopyOnWriteArrayList<>();
    private final List<LoadJobConfiguration> loads = new CopyOnWriteArrayList<>();
    private final Set<DatasetId> datasets = new LinkedHashSet<>();
    private final Map<String, String> descriptions = new java.util.HashMap<>();
    private BiFunction<String, Map<String, Object>, List<Map<String, Object>>> responder = (sql, row) -> List.of(row);
    private LoadJobOutcome loadOutcome = new LoadJobOutcome(0, 0, List.of(), null);
    private int sessions;

    public AnalyzingBigQueryGateway(BigQuerySqlAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** Decides the rows of a query from its SQL and the default row (one plausible value per column). */
    public AnalyzingBigQueryGateway respondWith(
            BiFunction<String, Map<String, Object>, List<Map<String, Object>>> responder) {
        this.responder = responder;
        return this;
    }

    public AnalyzingBigQueryGateway loadsAnswer(LoadJobOutcome outcome) {
        this.loadOutcome = outcome;
        return this;
    }

    public List<SentQuery> sent() {
        return List.copyOf(sent);
    }

    public List<LoadJobConfiguration> loads() {
        return List.copyOf(loads);
    }

    public BigQuerySqlAnalyzer analyzer() {
        return analyzer;
    }

    @Override
    public synchronized QueryOutcome query(QueryRequest request) {
        List<Type> types = request.parameters().stream().map(AnalyzingBigQueryGateway::typeOf).toList();
        ResolvedStatement statement;
        try {
            statement = analyzer.analyze(request.sql(), types);
        } catch (AssertionError | RuntimeException rejected) {
            // Recorded anyway: the tests check what was sent, also when the analyzer (or ZetaSQL's Java client,
            // which cannot deserialize every resolved statement, e.g. CALL) fails on it.
            sent.add(new SentQuery(request.sql(), request.parameters(), request.sessionId(), request.createSession(),
                    Map.of(), null));
            throw rejected;
        }
        sent.add(new SentQuery(request.sql(), request.parameters(), request.sessionId(), request.createSession(),
                BigQuerySqlAnalyzer.outputColumns(statement), statement));
        String session = request.createSession() ? "session-" + (++sessions) : request.sessionId();
        if (statement instanceof ResolvedQueryStmt) {
            Map<String, Object> row = new LinkedHashMap<>();
            BigQuerySqlAnalyzer.outputColumns(statement).forEach((name, type) -> row.put(name, plausible(type)));
            return new QueryOutcome(responder.apply(request.sql(), row), 0, session);
        }
        boolean dml = statement.getClass().getSimpleName().matches("Resolved(Insert|Update|Delete|Merge)Stmt");
        return new QueryOutcome(List.of(), dml ? 1 : 0, session);
    }

    /** ZetaSQL's output columns stand in for BigQuery's dry-run schema; no bytes are known offline (0). */
    @Override
    public synchronized DryRun dryRun(String sql) {
        ResolvedStatement statement = analyzer.analyze(sql, List.of());
        sent.add(new SentQuery(sql, List.of(), null, false, BigQuerySqlAnalyzer.outputColumns(statement), statement));
        List<Column> columns = new ArrayList<>();
        BigQuerySqlAnalyzer.outputColumns(statement).forEach((name, type) -> columns.add(new Column(name,
                bigQueryName(type), null)));
        return new DryRun(columns, 0);
    }

    /** Declares a relation's partitioning and clustering as BigQuery would describe them (unknown otherwise). */
    public synchronized void layout(String relation, String layout) {
        layouts.put(relation, layout);
    }

    /** Every table whose metadata was asked for, in order. */
    public synchronized List<TableId> tablesAsked() {
        return List.copyOf(tablesAsked);
    }

    @Override
    public synchronized Optional<TableShape> table(TableId table) {
        tablesAsked.add(table);
        BigQuerySqlAnalyzer.Relation relation = analyzer.relations().get(
                table.getProject() + "." + table.getDataset() + "." + table.getTable());
        if (relation == null) {
            return Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        relation.columns().forEach((name, type) -> columns.add(new Column(name, bigQueryName(type),
                descriptions.get(key(table) + "#" + name))));
        return Optional.of(new TableShape(columns, relation.viewQuery(), layouts.get(key(table))));
    }

    @Override
    public synchronized void describeColumns(TableId table, Map<String, String> columnDescriptions) {
        Set<String> columns = table(table).orElseThrow(() -> new AssertionError("No table " + table)).columns()
                .stream().map(Column::name).collect(java.util.stream.Collectors.toSet());
        if (!columns.containsAll(columnDescriptions.keySet())) {
            throw new AssertionError("Descriptions of unknown columns " + columnDescriptions.keySet() + " of "
                    + table + " (it has " + columns + ")");
        }
        columnDescriptions.forEach((column, text) -> descriptions.put(key(table) + "#" + column, text));
    }

    private static String key(TableId table) {
        return table.getProject() + "." + table.getDataset() + "." + table.getTable();
    }

    @Override
    public synchronized void createDatasetIfAbsent(DatasetId dataset, String location) {
        datasets.add(dataset);
    }

    public synchronized Set<DatasetId> datasets() {
        return Set.copyOf(datasets);
    }

    @Override
    public synchronized LoadJobOutcome load(LoadJobConfiguration configuration) {
        TableId target = configuration.getDestinationTable();
        if (table(target).isEmpty()) {
            throw new AssertionError("Load job into " + target + ", which no analyzed statement created");
        }
        loads.add(configuration);
        return loadOutcome;
    }

    /** The ZetaSQL type of a parameter as the client would send it. */
    static Type typeOf(QueryParameterValue parameter) {
        TypeKind kind = switch (parameter.getType()) {
            case INT64 -> TypeKind.TYPE_INT64;
            case FLOAT64 -> TypeKind.TYPE_DOUBLE;
            case NUMERIC -> TypeKind.TYPE_NUMERIC;
            case BOOL -> TypeKind.TYPE_BOOL;
            case TIMESTAMP -> TypeKind.TYPE_TIMESTAMP;
            case DATE -> TypeKind.TYPE_DATE;
            case STRING -> TypeKind.TYPE_STRING;
            default -> throw new AssertionError("Unexpected parameter type " + parameter.getType());
        };
        return TypeFactory.createSimpleType(kind);
    }

    static Object plausible(Type type) {
        return switch (type.getKind()) {
            case TYPE_INT64, TYPE_INT32 -> 0L;
            case TYPE_DOUBLE, TYPE_FLOAT -> 0.0;
            case TYPE_NUMERIC, TYPE_BIGNUMERIC -> BigDecimal.ZERO;
            case TYPE_BOOL -> Boolean.FALSE;
            case TYPE_TIMESTAMP -> Instant.parse("2019-11-30T12:00:00Z");
            case TYPE_DATE -> LocalDate.parse("2019-11-30");
            case TYPE_STRING -> "2019-11-30";
            default -> null;
        };
    }

    /** BigQuery's name of a ZetaSQL type, as a table's schema reports it. */
    public static String bigQueryName(Type type) {
        return switch (type.getKind()) {
            case TYPE_INT64 -> "INT64";
            case TYPE_DOUBLE -> "FLOAT64";
            case TYPE_NUMERIC -> "NUMERIC";
            case TYPE_BIGNUMERIC -> "BIGNUMERIC";
            case TYPE_BOOL -> "BOOL";
            case TYPE_TIMESTAMP -> "TIMESTAMP";
            case TYPE_DATE -> "DATE";
            case TYPE_STRING -> "STRING";
            default -> type.getKind().name();
        };
    }

    /** A BigQuery load error as the job reports it. */
    public static BigQueryError loadError(String message) {
        return new BigQueryError("invalid", "gs://bucket/object", message);
    }
}
