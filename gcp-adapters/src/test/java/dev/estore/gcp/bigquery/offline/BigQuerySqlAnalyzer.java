package dev.estore.gcp.bigquery.offline;

import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.FunctionArgumentType;
import com.google.zetasql.FunctionSignature;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.Procedure;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.SqlException;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLFunctions;
import com.google.zetasql.ZetaSQLOptions;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.resolvedast.ResolvedColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedCreateTableAsSelectStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedCreateTableStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedCreateViewBase;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedDropStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedQueryStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BigQuery's SQL front end (ZetaSQL), offline: analyzes each statement against a catalog of the tables created so
 * far (a CREATE TABLE / VIEW adds its relation with the columns ZetaSQL resolved, a DROP removes it), with every
 * language feature on and positional query parameters typed as the client sends them. A rejected statement is an
 * {@link AssertionError} carrying the statement and ZetaSQL's message.
 *
 * <p>Relations are single backticked names ({@code `project.dataset.table`}), as the adapter writes them.
 * {@code enableMaximumLanguageFeatures} is broader than BigQuery, so passing here means "valid GoogleSQL against
 * these schemas", not "accepted by BigQuery" in every detail (e.g. DDL restrictions inside transactions).
 */
public final class BigQuerySqlAnalyzer {

    /** A relation's columns in order, by name and ZetaSQL type. */
    public record Relation(String name, Map<String, Type> columns, String viewQuery) {
    }

    private final LanguageOptions language = new LanguageOptions();
    private final SimpleCatalog catalog = new SimpleCatalog("bigquery");
    private final Map<String, Relation> relations = new LinkedHashMap<>();
    private final List<String> analyzed = new ArrayList<>();

    public BigQuerySqlAnalyzer() {
        language.enableMaximumLanguageFeatures();
        language.setSupportsAllStatementKinds();
        language.setProductMode(ZetaSQLOptions.ProductMode.PRODUCT_EXTERNAL);
        catalog.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language));
        // BigQuery's system procedure that ends a session (its transaction with it). Named by its full path: the
        // Java client finds the procedure of a resolved CALL again by that name.
        // It ends the caller's session, or the one whose id it is given.
        catalog.addNewSimpleCatalog("BQ").addProcedure(new Procedure(List.of("BQ", "ABORT_SESSION"),
                new FunctionSignature(new FunctionArgumentType(TypeFactory.createSimpleType(TypeKind.TYPE_BOOL)),
                        List.of(new FunctionArgumentType(TypeFactory.createSimpleType(TypeKind.TYPE_STRING),
                                ZetaSQLFunctions.FunctionEnums.ArgumentCardinality.OPTIONAL)), -1)));
    }

    /** Analyzes one statement; returns what ZetaSQL resolved, or fails with the statement and the reason. */
    public synchronized ResolvedStatement analyze(String sql, List<Type> positionalParameters) {
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(language);
        options.setParameterMode(ZetaSQLOptions.ParameterMode.PARAMETER_POSITIONAL);
        positionalParameters.forEach(options::addPositionalQueryParameter);
        ResolvedStatement statement;
        try {
            statement = new Analyzer(options, catalog).analyzeStatement(sql);
        } catch (SqlException e) {
            throw new AssertionError("ZetaSQL rejects this statement: " + e.getMessage() + "\n--- statement ---\n"
                    + sql + "\n-----------------", e);
        }
        analyzed.add(sql);
        track(statement, sql);
        return statement;
    }

    public synchronized Map<String, Relation> relations() {
        return Map.copyOf(relations);
    }

    /** Every statement analyzed so far, in order. */
    public synchronized List<String> analyzed() {
        return List.copyOf(analyzed);
    }

    /** The output columns of a query, in order. */
    public static Map<String, Type> outputColumns(ResolvedStatement statement) {
        Map<String, Type> columns = new LinkedHashMap<>();
        if (statement instanceof ResolvedQueryStmt query) {
            query.getOutputColumnList().forEach(column -> columns.put(column.getName(), column.getColumn().getType()));
        }
        return columns;
    }

    private void track(ResolvedStatement statement, String sql) {
        if (statement instanceof ResolvedCreateTableAsSelectStmt created) {
            Map<String, Type> columns = new LinkedHashMap<>();
            created.getOutputColumnList().forEach(column -> columns.put(column.getName(),
                    column.getColumn().getType()));
            put(String.join(".", created.getNamePath()), columns, null);
        } else if (statement instanceof ResolvedCreateTableStmt created) {
            Map<String, Type> columns = new LinkedHashMap<>();
            if (created.getCopyFrom() != null) {
                for (ResolvedColumn column : created.getCopyFrom().getColumnList()) {
                    columns.put(column.getName(), column.getType());
                }
            } else {
                created.getColumnDefinitionList().forEach(column -> columns.put(column.getName(), column.getType()));
            }
            put(String.join(".", created.getNamePath()), columns, null);
        } else if (statement instanceof ResolvedCreateViewBase created) {
            Map<String, Type> columns = new LinkedHashMap<>();
            created.getOutputColumnList().forEach(column -> columns.put(column.getName(),
                    column.getColumn().getType()));
            String query = sql.substring(sql.indexOf(" AS\n") + 4);
            put(String.join(".", created.getNamePath()), columns, query);
        } else if (statement instanceof ResolvedDropStmt dropped) {
            String name = String.join(".", dropped.getNamePath());
            if (relations.remove(name) != null) {
                catalog.removeSimpleTable(name);
            }
        }
    }

    /** Adds or replaces a relation (also for tables the test starts from). */
    public synchronized void put(String name, Map<String, Type> columns, String viewQuery) {
        if (relations.containsKey(name)) {
            catalog.removeSimpleTable(name);
        }
        List<SimpleColumn> simpleColumns = new ArrayList<>();
        columns.forEach((column, type) -> simpleColumns.add(new SimpleColumn(name, column, type)));
        catalog.addSimpleTable(name, new SimpleTable(name, simpleColumns));
        relations.put(name, new Relation(name, new LinkedHashMap<>(columns), viewQuery));
    }
}
