package dev.estore.semantic.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zetasql.Type;
import dev.estore.gcp.bigquery.BigQueryDialect;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway.SentQuery;
import dev.estore.gcp.bigquery.offline.OfflineBigQuery;
import dev.estore.semantic.catalog.CatalogResolver;
import dev.estore.semantic.catalog.DimensionField;
import dev.estore.semantic.catalog.MeasureField;
import dev.estore.semantic.catalog.SemanticCatalog;
import dev.estore.semantic.catalog.SemanticLayer;
import dev.estore.semantic.findings.Findings;
import dev.estore.semantic.findings.FindingsReport;
import dev.estore.semantic.model.SemanticModelLoader;
import dev.estore.semantic.model.TopicDefinition;
import dev.estore.semantic.query.CompiledQuery.OutputColumn;
import dev.estore.semantic.query.FilterOperator;
import dev.estore.semantic.query.QueryRequest;
import dev.estore.semantic.query.QueryRequest.Filter;
import dev.estore.semantic.query.QueryRequest.Sort;
import dev.estore.semantic.query.QueryResult;
import dev.estore.semantic.query.SemanticQueryEngine;
import dev.estore.shared.ports.Warehouse.ValueKind;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.build.RunRecord;
import dev.estore.transform.project.ProjectLoader;
import dev.estore.transform.testing.TestTransformConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The semantic layer's SQL on BigQuery, offline. The marts are built by the real transform (every packaged model,
 * with its documentation) on the BigQuery warehouse over the analyzing gateway, so ZetaSQL's catalog holds their
 * schemas exactly as the BigQuery build creates them; the packaged semantic model is resolved against that
 * warehouse's column types and descriptions; then every query the findings report runs, every dimension and
 * measure of every topic, filters of every operator on every kind of field (bound, typed parameters), and
 * combinations with joins, fan-out-safe subqueries and window dimensions go through the real query engine. Each
 * statement is analyzed by ZetaSQL with its positional parameters declared as the BigQuery client sends them; a
 * rejected one fails its test with the query and ZetaSQL's message. The output columns must come out as the API
 * describes them: a dimension of its declared kind, every measure numeric.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SemanticQueriesOnBigQueryOfflineTest {

    static final Set<ValueKind> NUMERIC = EnumSet.of(ValueKind.INTEGER, ValueKind.DECIMAL, ValueKind.FLOAT);

    OfflineBigQuery bigQuery;
    AnalyzingBigQueryGateway gateway;
    SemanticCatalog catalog;
    SemanticQueryEngine engine;
    int buildStatements;
    int queries;

    @BeforeAll
    void buildTheMartsOnBigQueryAndResolveTheLayer() {
        bigQuery = OfflineBigQuery.withRawTables();
        gateway = bigQuery.gateway();
        RunRecord build = new BuildRunner(ProjectLoader.fromClasspath(), bigQuery.warehouse(),
                TestTransformConfig.packagedModels()).run("semantic-offline", BuildRequest.all("test"));
        assertThat(build.status()).as(build.error()).isEqualTo(RunRecord.Status.SUCCESS);
        buildStatements = gateway.analyzer().analyzed().size();

        SemanticLayer layer = new SemanticLayer(SemanticModelLoader.fromClasspath(), bigQuery.warehouse());
        CatalogResolver.Resolution resolution = layer.validate();
        assertThat(resolution.problems()).as("the packaged semantic model against the marts as built on BigQuery")
                .isEmpty();
        catalog = resolution.catalog();
        engine = new SemanticQueryEngine(layer);
    }

    @AfterAll
    void report() {
        System.out.printf("ZetaSQL analyzed %d BigQuery statements of the semantic layer (%d queries compiled; "
                + "after %d statements of the marts' build)%n", gateway.analyzer().analyzed().size() - buildStatements,
                queries, buildStatements);
    }

    @Test
    void theLayerReadsKindsAndDescriptionsFromTheBigQuerySchemas() {
        DimensionField start = catalog.views().get("fct_sessions").dimensions().get("session_start_time");
        assertThat(start.kind()).isEqualTo(ValueKind.TIMESTAMP);
        assertThat(start.description()).as("stored by the build from the model's YAML").isNotBlank();
        assertThat(catalog.views().get("dim_users").dimensions().get("total_revenue").kind())
                .isEqualTo(ValueKind.DECIMAL);
        assertThat(catalog.views().values()).flatExtracting(view -> view.dimensions().values())
                .filteredOn(field -> field.kind() == ValueKind.OTHER).as("columns of no portable kind").isEmpty();
    }

    @Test
    void everyQueryOfTheFindingsReportIsValidBigQuery() {
        int before = gateway.sent().size();

        Findings findings = new FindingsReport(engine).compute();

        List<SentQuery> sent = gateway.sent().subList(before, gateway.sent().size());
        queries += sent.size();
        assertThat(sent).as("segments, funnel, conversion by visit type, RFM segment and quality tier, churn, "
                + "categories").hasSize(7).allSatisfy(query -> assertThat(query.outputColumns()).isNotEmpty());
        assertThat(sent).extracting(SentQuery::sql).anyMatch(sql -> sql.contains("ROW_NUMBER() OVER"))
                .anyMatch(sql -> sql.contains("LEFT JOIN `test-project.estore_marts.dim_user_rfm`"));
        assertThat(findings.rfmSegments()).hasSize(1);
        assertThat(findings.funnel().byVisitType()).hasSize(1);
        assertThat(findings.categories()).hasSize(1);
    }

    @Test
    void aDuckDbOnlySpellingFailsNamingTheQueryAndZetaSqlsReason() throws Exception {
        Path model = Path.of(getClass().getResource("/semantic-duckdb-only/topics.yml").toURI()).getParent();
        SemanticLayer duckDbOnly = new SemanticLayer(SemanticModelLoader.fromDirectory(model), bigQuery.warehouse());
        assertThat(duckDbOnly.validate().problems()).isEmpty();

        assertThatThrownBy(() -> assertValidOnBigQuery(new SemanticQueryEngine(duckDbOnly),
                "Sessions: group by start_day", QueryRequest.of("Sessions", List.of("start_day"), List.of("count"))))
                .hasMessageContaining("Query 'Sessions: group by start_day' is not valid BigQuery")
                .hasMessageContaining("Function not found: strftime")
                .hasMessageContaining("(strftime(fct_sessions.session_start_time, '%Y-%m-%d')) AS d_0");
    }

    /** Each dimension grouped on (with the base view's count), and filtered on with a value of its kind. */
    @TestFactory
    Stream<DynamicTest> everyDimensionOfEveryTopic() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TopicDefinition topic : catalog.topics().values()) {
            String count = topic.baseView() + ".count";
            for (DimensionField dimension : catalog.dimensionsOf(topic)) {
                String field = dimension.qualified();
                tests.add(query(topic, "group by " + field, QueryRequest.of(topic.name(), List.of(field),
                        List.of(count)).withSort(List.of(new Sort(field, "desc")))));
                Filter filter = typicalFilter(field, dimension.kind());
                tests.add(query(topic, "filter " + describe(filter), QueryRequest.of(topic.name(), List.of(),
                        List.of(count)).withFilters(List.of(filter))));
            }
        }
        return tests.stream();
    }

    /**
     * Each measure alone (a joined view's measure over its distinct rows), next to the base count without
     * dimensions (the groups cross-joined), and grouped by a dimension of the topic's last joined view (the
     * groups joined NULL-safely on the dimensions).
     */
    @TestFactory
    Stream<DynamicTest> everyMeasureOfEveryTopic() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TopicDefinition topic : catalog.topics().values()) {
            String count = topic.baseView() + ".count";
            String farDimension = firstDimensionOf(topic, topic.views().get(topic.views().size() - 1));
            for (MeasureField measure : catalog.measuresOf(topic)) {
                String field = measure.qualified();
                tests.add(query(topic, "measure " + field, QueryRequest.of(topic.name(), List.of(), List.of(field))));
                tests.add(query(topic, "measure " + field + " with " + count, QueryRequest.of(topic.name(),
                        List.of(), List.of(field, count))));
                tests.add(query(topic, "measure " + field + " by " + farDimension, QueryRequest.of(topic.name(),
                        List.of(farDimension), List.of(count, field)).withSort(List.of(new Sort(field, "desc")))));
            }
        }
        return tests.stream();
    }

    /** Every operator on a dimension of every kind the topic has, and on a measure (the aggregated rows). */
    @TestFactory
    Stream<DynamicTest> filtersOfEveryOperator() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TopicDefinition topic : catalog.topics().values()) {
            String count = topic.baseView() + ".count";
            Map<ValueKind, DimensionField> byKind = new LinkedHashMap<>();
            catalog.dimensionsOf(topic).forEach(dimension -> byKind.putIfAbsent(dimension.kind(), dimension));
            for (DimensionField dimension : byKind.values()) {
                for (FilterOperator op : FilterOperator.values()) {
                    Filter filter = filter(dimension.qualified(), op, dimension.kind());
                    tests.add(query(topic, "filter " + describe(filter), QueryRequest.of(topic.name(),
                            List.of(dimension.qualified()), List.of(count)).withFilters(List.of(filter))));
                }
            }
            MeasureField ratio = catalog.measuresOf(topic).stream().filter(m -> m.view().equals(topic.baseView())
                    && m.numerator() != null).findFirst().orElseThrow();
            for (FilterOperator op : FilterOperator.values()) {
                Filter filter = filter(ratio.qualified(), op, ValueKind.DECIMAL);
                tests.add(query(topic, "measure filter " + describe(filter), QueryRequest.of(topic.name(),
                        List.of(firstDimensionOf(topic, topic.baseView())), List.of(count, ratio.qualified()))
                        .withFilters(List.of(filter))));
            }
        }
        return tests.stream();
    }

    /**
     * Per topic: every measure of every view at once, grouped by a dimension of each view and every window
     * dimension, with row filters (repeated in each view's group), a measure filter, sorting and a limit; and a
     * window dimension used only as a filter.
     */
    @TestFactory
    Stream<DynamicTest> combinationsOfJoinsFanOutAndWindows() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TopicDefinition topic : catalog.topics().values()) {
            List<String> dimensions = new ArrayList<>();
            topic.views().forEach(view -> dimensions.add(firstDimensionOf(topic, view)));
            List<DimensionField> windows = catalog.dimensionsOf(topic).stream().filter(DimensionField::window)
                    .toList();
            windows.forEach(window -> dimensions.add(window.qualified()));
            List<String> measures = catalog.measuresOf(topic).stream().map(MeasureField::qualified).toList();
            List<Filter> filters = new ArrayList<>();
            for (String view : topic.views()) {
                DimensionField first = catalog.views().get(view).dimensions().get(
                        firstDimensionOf(topic, view).substring(view.length() + 1));
                filters.add(typicalFilter(first.qualified(), first.kind()));
            }
            filters.add(Filter.of(measures.get(0), "gt", 0));
            tests.add(query(topic, "every measure by " + dimensions, new QueryRequest(topic.name(), dimensions,
                    measures, filters, List.of(new Sort(measures.get(measures.size() - 1), "desc"),
                            new Sort(dimensions.get(0), "asc")), 50, false)));
            for (DimensionField window : windows) {
                tests.add(query(topic, "window " + window.qualified() + " as a filter only", QueryRequest.of(
                        topic.name(), List.of(firstDimensionOf(topic, topic.views().get(topic.views().size() - 1))),
                        measures).withFilters(List.of(Filter.of(window.qualified(), "eq", "First session")))));
            }
        }
        return tests.stream();
    }

    private DynamicTest query(TopicDefinition topic, String what, QueryRequest request) {
        String name = topic.name() + ": " + what;
        return DynamicTest.dynamicTest(name, () -> assertValidOnBigQuery(engine, name, request));
    }

    /** Runs the query through the engine and the analyzing gateway; checks what ZetaSQL resolved. */
    private void assertValidOnBigQuery(SemanticQueryEngine engine, String name, QueryRequest request) {
        int before = gateway.sent().size();
        QueryResult result;
        try {
            result = engine.run(request);
        } catch (AssertionError rejected) {
            throw new AssertionError("Query '" + name + "' is not valid BigQuery: " + rejected.getMessage(), rejected);
        }
        queries++;
        List<SentQuery> sent = gateway.sent().subList(before, gateway.sent().size());
        assertThat(sent).as(name + ": one query job").hasSize(1);
        SentQuery query = sent.get(0);
        assertThat(query.sql()).isEqualTo(result.sql());
        assertThat(query.sql().chars().filter(c -> c == '?').count()).as(name + ": placeholders vs parameters")
                .isEqualTo(query.parameters().size());
        assertThat(query.outputColumns().keySet()).as(name + ": output columns")
                .containsExactlyElementsOf(result.columns().stream().map(OutputColumn::alias).toList());
        for (OutputColumn column : result.columns()) {
            ValueKind kind = kindOf(query.outputColumns().get(column.alias()));
            if (column.role().equals("dimension")) {
                assertThat(kind.name().toLowerCase(Locale.ROOT)).as(name + ": " + column.field()
                        + " comes out of BigQuery as its declared kind").isEqualTo(column.kind());
            } else {
                assertThat(kind).as(name + ": measure " + column.field() + " is a number on BigQuery").isIn(NUMERIC);
            }
        }
    }

    private static ValueKind kindOf(Type type) {
        return BigQueryDialect.kindOf(AnalyzingBigQueryGateway.bigQueryName(type));
    }

    /** The topic's first dimension of a view, preferring a custom one (its SQL is the layer's own). */
    private String firstDimensionOf(TopicDefinition topic, String view) {
        List<DimensionField> ofView = catalog.dimensionsOf(topic).stream()
                .filter(dimension -> dimension.view().equals(view) && !dimension.window()).toList();
        Optional<DimensionField> custom = ofView.stream().filter(DimensionField::custom).findFirst();
        return custom.orElse(ofView.get(0)).qualified();
    }

    /** One filter per dimension, its operator chosen by kind so that every kind binds its parameter type. */
    private static Filter typicalFilter(String field, ValueKind kind) {
        return switch (kind) {
            case TEXT -> filter(field, FilterOperator.IN, kind);
            case INTEGER -> filter(field, FilterOperator.GTE, kind);
            case DECIMAL -> filter(field, FilterOperator.LT, kind);
            case FLOAT -> filter(field, FilterOperator.LTE, kind);
            case DATE -> filter(field, FilterOperator.BETWEEN, kind);
            case TIMESTAMP -> filter(field, FilterOperator.GT, kind);
            case BOOLEAN -> filter(field, FilterOperator.EQ, kind);
            case OTHER -> filter(field, FilterOperator.IS_NOT_NULL, kind);
        };
    }

    private static Filter filter(String field, FilterOperator op, ValueKind kind) {
        String name = op.name().toLowerCase(Locale.ROOT);
        return switch (op) {
            case IS_NULL, IS_NOT_NULL -> Filter.of(field, name);
            case BETWEEN, IN, NOT_IN -> Filter.of(field, name, sample(kind, 0), sample(kind, 1));
            default -> Filter.of(field, name, sample(kind, 0));
        };
    }

    /** Filter values as a JSON request would carry them. */
    private static Object sample(ValueKind kind, int index) {
        return switch (kind) {
            case INTEGER -> List.of(1, 5).get(index);
            case DECIMAL -> List.of("10.50", "99.99").get(index);
            case FLOAT -> List.of(0.25, 0.75).get(index);
            case TEXT -> List.of("Champions", "At Risk").get(index);
            case BOOLEAN -> List.of(true, false).get(index);
            case DATE -> List.of("2019-11-01", "2019-11-30").get(index);
            case TIMESTAMP -> List.of("2019-11-01T00:00:00Z", "2019-11-30 23:59:59").get(index);
            case OTHER -> "unused";
        };
    }

    private static String describe(Filter filter) {
        return filter.field() + " " + filter.op() + " " + (filter.value() != null ? filter.value()
                : filter.values());
    }
}
