package dev.estore.semantic.query;

import dev.estore.semantic.catalog.DimensionField;
import dev.estore.semantic.catalog.MeasureField;
import dev.estore.semantic.catalog.SemanticCatalog;
import dev.estore.semantic.model.ColumnRef;
import dev.estore.semantic.model.JoinDefinition;
import dev.estore.semantic.model.MeasureType;
import dev.estore.semantic.model.TopicDefinition;
import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse.ValueKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a query into SQL for the active warehouse. Only identifiers from the catalog and the dialect's
 * expressions reach the SQL; every user value is a bound parameter.
 *
 * <p>Fan-out: the topic's joins are many-to-one or one-to-one, so the base view's rows are never multiplied and
 * its measures aggregate directly. A measure of a joined view (users' measures asked from Sessions) would be
 * counted once per base row; it is aggregated instead over the DISTINCT (dimensions, joined row key, input
 * values) of the filtered, joined rows, so each joined row counts once per group. The groups of each view are
 * computed in their own subquery and joined on the dimensions (NULL-safe).
 */
public final class QueryCompiler {

    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 100_000;

    private final SemanticCatalog catalog;
    private final SqlDialect dialect;

    public QueryCompiler(SemanticCatalog catalog, SqlDialect dialect) {
        this.catalog = catalog;
        this.dialect = dialect;
    }

    public CompiledQuery compile(QueryRequest request) {
        TopicDefinition topic = catalog.topic(request.topic() == null ? "" : request.topic()).orElseThrow(() ->
                new QueryException("unknown topic '" + request.topic() + "'; topics: " + catalog.topics().keySet()));
        FieldResolver fields = new FieldResolver(topic, catalog.dimensionsOf(topic), catalog.measuresOf(topic));
        List<String> unknown = new ArrayList<>();
        List<DimensionField> dimensions = fields.dimensions(request.dimensions(), unknown);
        List<MeasureField> measures = fields.measures(request.measures(), unknown);
        List<ResolvedFilter> filters = new ArrayList<>();
        for (QueryRequest.Filter filter : request.filters()) {
            fields.filter(filter, unknown).ifPresent(filters::add);
        }
        if (!unknown.isEmpty()) {
            throw new QueryException(String.join("; ", unknown));
        }
        if (dimensions.isEmpty() && measures.isEmpty()) {
            throw new QueryException("ask for at least one dimension or measure (GET /semantic/topics lists them)");
        }
        int limit = limit(request.limit());

        Set<String> views = requiredViews(topic, dimensions, measures, filters);
        Map<String, List<DimensionField>> windowColumns = windowColumns(dimensions, filters);
        Params params = new Params();
        List<String> dimensionSql = dimensions.stream().map(this::expression).toList();
        String from = from(topic, views, windowColumns);
        String where = where(filters.stream().filter(f -> f.dimension() != null).toList(), params);

        Map<String, List<MeasureField>> aggregatesByView = new LinkedHashMap<>();
        for (MeasureField measure : measures) {
            for (MeasureField aggregate : measure.aggregates()) {
                List<MeasureField> list = aggregatesByView.computeIfAbsent(aggregate.view(), v -> new ArrayList<>());
                if (list.stream().noneMatch(a -> a.qualified().equals(aggregate.qualified()))) {
                    list.add(aggregate);
                }
            }
        }
        if (aggregatesByView.isEmpty()) {
            aggregatesByView.put(topic.baseView(), List.of());
        }
        // Each aggregate gets a group CTE and a column alias there.
        Map<String, String> aggregateColumn = new LinkedHashMap<>();
        List<String> ctes = new ArrayList<>();
        int group = 0;
        for (Map.Entry<String, List<MeasureField>> entry : aggregatesByView.entrySet()) {
            String cte = "g" + group++;
            List<MeasureField> aggregates = entry.getValue();
            for (int i = 0; i < aggregates.size(); i++) {
                aggregateColumn.put(aggregates.get(i).qualified(), cte + ".a_" + i);
            }
            boolean base = entry.getKey().equals(topic.baseView());
            String body = base ? baseGroup(dimensionSql, aggregates, from, where)
                    : joinedGroup(entry.getKey(), dimensionSql, aggregates, from, where);
            if (aggregatesByView.size() > 1 && !dimensions.isEmpty()) {
                body = withJoinKeys(body, dimensions.size());
            }
            ctes.add(cte + " AS (\n" + body + "\n)");
            if (group > 1) {
                params.repeatWhere();
            }
        }

        List<String> cteNames = new ArrayList<>();
        for (int i = 0; i < ctes.size(); i++) {
            cteNames.add("g" + i);
        }
        List<String> select = new ArrayList<>();
        List<CompiledQuery.OutputColumn> columns = new ArrayList<>();
        for (int i = 0; i < dimensions.size(); i++) {
            select.add("g0.d_" + i + " AS d_" + i);
            DimensionField field = dimensions.get(i);
            columns.add(new CompiledQuery.OutputColumn(request.dimensions().get(i), "d_" + i, "dimension",
                    field.kind().name().toLowerCase(Locale.ROOT), field.description()));
        }
        Map<String, String> measureAlias = new LinkedHashMap<>();
        for (int i = 0; i < measures.size(); i++) {
            MeasureField measure = measures.get(i);
            String expression = measure.type() == MeasureType.RATIO
                    ? dialect.safeDivide(aggregateColumn.get(measure.numerator().qualified()),
                            aggregateColumn.get(measure.denominator().qualified()))
                    : aggregateColumn.get(measure.qualified());
            select.add(expression + " AS m_" + i);
            measureAlias.put(measure.qualified(), "m_" + i);
            columns.add(new CompiledQuery.OutputColumn(request.measures().get(i), "m_" + i, "measure",
                    measureKind(measure), measure.description()));
        }
        StringBuilder joined = new StringBuilder("FROM g0");
        for (int i = 1; i < cteNames.size(); i++) {
            String cte = cteNames.get(i);
            if (dimensions.isEmpty()) {
                joined.append("\nCROSS JOIN ").append(cte);
            } else {
                int index = i;
                joined.append("\nLEFT JOIN ").append(cte).append(" ON ").append(java.util.stream.IntStream
                        .range(0, dimensions.size()).mapToObj(d -> "g0.k_" + d + " = g" + index + ".k_" + d
                                + " AND g0.n_" + d + " = g" + index + ".n_" + d)
                        .collect(Collectors.joining(" AND ")));
            }
        }
        String outerWhere = measureWhere(filters.stream().filter(f -> f.measure() != null).toList(), measureAlias,
                params);
        String order = order(request.sort(), request.dimensions(), request.measures(), dimensions.size());
        String sql = "WITH " + String.join(",\n", ctes) + "\nSELECT * FROM (\nSELECT " + String.join(", ", select)
                + "\n" + joined + "\n) AS result" + outerWhere + order + "\nLIMIT " + limit;
        return new CompiledQuery(topic.name(), sql, params.all(), columns);
    }

    private static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new QueryException("limit " + requested + " is out of range; give 1 to " + MAX_LIMIT);
        }
        return requested;
    }

    /** The views the query reads, with every view on the join path back to the base view. */
    private static Set<String> requiredViews(TopicDefinition topic, List<DimensionField> dimensions,
            List<MeasureField> measures, List<ResolvedFilter> filters) {
        Set<String> needed = new LinkedHashSet<>();
        dimensions.forEach(d -> d.references().forEach(ref -> needed.add(ref.view())));
        measures.forEach(m -> needed.addAll(m.views()));
        for (ResolvedFilter filter : filters) {
            if (filter.dimension() != null) {
                filter.dimension().references().forEach(ref -> needed.add(ref.view()));
            } else {
                needed.addAll(filter.measure().views());
            }
        }
        needed.add(topic.baseView());
        Set<String> closed = new LinkedHashSet<>();
        for (String view : needed) {
            String current = view;
            while (current != null && closed.add(current)) {
                JoinDefinition join = topic.joinOf(current);
                current = join == null ? null : join.from();
            }
        }
        return topic.views().stream().filter(closed::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Map<String, List<DimensionField>> windowColumns(List<DimensionField> dimensions,
            List<ResolvedFilter> filters) {
        Map<String, List<DimensionField>> byView = new LinkedHashMap<>();
        List<DimensionField> used = new ArrayList<>(dimensions);
        filters.stream().map(ResolvedFilter::dimension).filter(java.util.Objects::nonNull).forEach(used::add);
        for (DimensionField field : used) {
            if (field.window()) {
                List<DimensionField> list = byView.computeIfAbsent(field.view(), v -> new ArrayList<>());
                if (!list.contains(field)) {
                    list.add(field);
                }
            }
        }
        return byView;
    }

    private String from(TopicDefinition topic, Set<String> views, Map<String, List<DimensionField>> windows) {
        StringBuilder from = new StringBuilder("FROM ").append(source(topic.baseView(), windows)).append(" AS ")
                .append(topic.baseView());
        for (JoinDefinition join : topic.joins()) {
            if (!views.contains(join.view())) {
                continue;
            }
            from.append("\nLEFT JOIN ").append(source(join.view(), windows)).append(" AS ").append(join.view())
                    .append(" ON ").append(join.on().entrySet().stream().map(on -> join.from() + "." + on.getKey()
                            + " = " + join.view() + "." + on.getValue()).collect(Collectors.joining(" AND ")));
        }
        return from.toString();
    }

    /** The view's relation, or a subquery adding its window columns computed over the whole relation. */
    private String source(String view, Map<String, List<DimensionField>> windows) {
        String relation = catalog.views().get(view).relation();
        List<DimensionField> columns = windows.get(view);
        if (columns == null) {
            return relation;
        }
        return "(SELECT " + view + ".*, " + columns.stream().map(c -> ColumnRef.expand(c.sql(), view) + " AS "
                + c.name()).collect(Collectors.joining(", ")) + " FROM " + relation + " AS " + view + ")";
    }

    private String expression(DimensionField field) {
        return field.window() ? field.view() + "." + field.name() : "(" + ColumnRef.expand(field.sql(), field.view())
                + ")";
    }

    private String where(List<ResolvedFilter> filters, Params params) {
        if (filters.isEmpty()) {
            return "";
        }
        List<String> conditions = new ArrayList<>();
        for (ResolvedFilter filter : filters) {
            conditions.add(condition(expression(filter.dimension()), filter, params.where));
        }
        return "\nWHERE " + String.join(" AND ", conditions);
    }

    private String measureWhere(List<ResolvedFilter> filters, Map<String, String> aliases, Params params) {
        if (filters.isEmpty()) {
            return "";
        }
        List<String> conditions = new ArrayList<>();
        for (ResolvedFilter filter : filters) {
            String alias = aliases.get(filter.measure().qualified());
            if (alias == null) {
                throw new QueryException("filter on measure " + filter.measure().qualified() + ": add it to "
                        + "measures to filter on it");
            }
            conditions.add(condition(alias, filter, params.outer));
        }
        return "\nWHERE " + String.join(" AND ", conditions);
    }

    private static String condition(String expression, ResolvedFilter filter, List<Object> params) {
        String placeholder = ParameterValues.placeholder(filter.kind());
        params.addAll(filter.values());
        return switch (filter.op()) {
            case IS_NULL, IS_NOT_NULL -> expression + " " + filter.op().sql;
            case BETWEEN -> expression + " BETWEEN " + placeholder + " AND " + placeholder;
            case IN, NOT_IN -> expression + " " + filter.op().sql + " (" + filter.values().stream()
                    .map(v -> placeholder).collect(Collectors.joining(", ")) + ")";
            default -> expression + " " + filter.op().sql + " " + placeholder;
        };
    }

    /**
     * Adds null-safe join keys to a group: the dimension as text (k_i) and whether it is NULL (n_i). The groups are
     * then joined by plain equalities, which every engine takes in an outer join (BigQuery refuses outer joins
     * whose condition is not an equality of both sides, and a NULL dimension is a group of its own).
     */
    private String withJoinKeys(String body, int dimensionCount) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < dimensionCount; i++) {
            keys.add("COALESCE(" + dialect.toText("q.d_" + i) + ", '') AS k_" + i);
            keys.add("CASE WHEN q.d_" + i + " IS NULL THEN 1 ELSE 0 END AS n_" + i);
        }
        return "SELECT q.*, " + String.join(", ", keys) + "\nFROM (\n" + body + "\n) AS q";
    }

    private String baseGroup(List<String> dimensionSql, List<MeasureField> aggregates, String from, String where) {
        List<String> select = new ArrayList<>();
        for (int i = 0; i < dimensionSql.size(); i++) {
            select.add(dimensionSql.get(i) + " AS d_" + i);
        }
        for (int i = 0; i < aggregates.size(); i++) {
            select.add(aggregate(aggregates.get(i), input(aggregates.get(i))) + " AS a_" + i);
        }
        return "SELECT " + String.join(", ", select) + "\n" + from + where + groupBy(dimensionSql.size());
    }

    private String joinedGroup(String view, List<String> dimensionSql, List<MeasureField> aggregates, String from,
            String where) {
        List<String> inner = new ArrayList<>();
        List<String> outer = new ArrayList<>();
        for (int i = 0; i < dimensionSql.size(); i++) {
            inner.add(dimensionSql.get(i) + " AS d_" + i);
            outer.add("d_" + i);
        }
        inner.add(view + "." + catalog.views().get(view).definition().primaryKey() + " AS row_key");
        for (int i = 0; i < aggregates.size(); i++) {
            inner.add(input(aggregates.get(i)) + " AS x_" + i);
            outer.add(aggregate(aggregates.get(i), "x_" + i) + " AS a_" + i);
        }
        return "SELECT " + String.join(", ", outer) + "\nFROM (\nSELECT DISTINCT " + String.join(", ", inner) + "\n"
                + from + where + "\n) AS distinct_rows" + groupBy(dimensionSql.size());
    }

    /** The row-level value an aggregate reads: its SQL, or the view's key for a count. */
    private String input(MeasureField aggregate) {
        if (aggregate.type() == MeasureType.COUNT && aggregate.sql() == null) {
            return aggregate.view() + "." + catalog.views().get(aggregate.view()).definition().primaryKey();
        }
        return "(" + ColumnRef.expand(aggregate.sql(), aggregate.view()) + ")";
    }

    private static String aggregate(MeasureField aggregate, String input) {
        return switch (aggregate.type()) {
            case COUNT -> "count(" + input + ")";
            case SUM -> "sum(" + input + ")";
            case AVG -> "avg(" + input + ")";
            case MIN -> "min(" + input + ")";
            case MAX -> "max(" + input + ")";
            case COUNT_DISTINCT -> "count(DISTINCT " + input + ")";
            case RATIO -> throw new IllegalStateException("a ratio is not an aggregate");
        };
    }

    private static String groupBy(int dimensions) {
        if (dimensions == 0) {
            return "";
        }
        return "\nGROUP BY " + java.util.stream.IntStream.rangeClosed(1, dimensions).mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
    }

    private static String order(List<QueryRequest.Sort> sort, List<String> dimensionNames, List<String> measureNames,
            int dimensions) {
        List<String> terms = new ArrayList<>();
        for (QueryRequest.Sort term : sort) {
            if (term.field() == null || term.field().isBlank()) {
                throw new QueryException("sort term " + term + " has no field: give {\"field\": <a requested "
                        + "dimension or measure>, \"direction\": \"asc\" or \"desc\"}");
            }
            int d = dimensionNames.indexOf(term.field());
            int m = measureNames.indexOf(term.field());
            if (d < 0 && m < 0) {
                throw new QueryException("sort on " + term.field() + ": sort only on requested dimensions and "
                        + "measures, named as in the request");
            }
            String direction = term.direction() == null ? "ASC" : term.direction().trim().toUpperCase(Locale.ROOT);
            if (!direction.equals("ASC") && !direction.equals("DESC")) {
                throw new QueryException("sort on " + term.field() + ": direction '" + term.direction()
                        + "' is neither asc nor desc");
            }
            terms.add((d >= 0 ? "d_" + d : "m_" + m) + " " + direction + " NULLS LAST");
        }
        if (terms.isEmpty()) {
            for (int i = 0; i < dimensions; i++) {
                terms.add("d_" + i + " ASC NULLS LAST");
            }
        }
        return terms.isEmpty() ? "" : "\nORDER BY " + String.join(", ", terms);
    }

    private static String measureKind(MeasureField measure) {
        return switch (measure.type()) {
            case COUNT, COUNT_DISTINCT -> "integer";
            case RATIO, AVG -> "float";
            default -> "decimal";
        };
    }

    /**
     * Parameters in SQL order: the row filters appear once in every group subquery, then the measure filters.
     */
    private static final class Params {
        final List<Object> where = new ArrayList<>();
        final List<Object> outer = new ArrayList<>();
        int whereCopies = 1;

        void repeatWhere() {
            whereCopies++;
        }

        List<Object> all() {
            List<Object> all = new ArrayList<>();
            for (int i = 0; i < whereCopies; i++) {
                all.addAll(where);
            }
            all.addAll(outer);
            return all;
        }
    }

    /** A filter checked against the topic: its field, operator and converted values. */
    record ResolvedFilter(DimensionField dimension, MeasureField measure, FilterOperator op, ValueKind kind,
            List<Object> values) {
    }
}
