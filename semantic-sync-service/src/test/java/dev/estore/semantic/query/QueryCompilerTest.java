package dev.estore.semantic.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.semantic.TestWarehouses;
import dev.estore.semantic.catalog.SemanticLayer;
import dev.estore.semantic.model.SemanticModelLoader;
import dev.estore.semantic.query.QueryRequest.Filter;
import dev.estore.semantic.query.QueryRequest.Sort;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCompilerTest {

    @TempDir
    Path folder;
    DuckDbWarehouse warehouse;
    SemanticQueryEngine engine;

    @BeforeEach
    void shop() throws Exception {
        warehouse = TestWarehouses.shop(folder);
        Path model = Path.of(getClass().getResource("/semantic-test/topics.yml").toURI()).getParent();
        engine = new SemanticQueryEngine(new SemanticLayer(SemanticModelLoader.fromDirectory(model), warehouse));
    }

    @Test
    void baseViewMeasuresGroupWithoutJoiningWhatTheyDoNotUse() {
        QueryResult result = engine.run(QueryRequest.of("Orders", List.of("status"), List.of("count", "revenue",
                "paid_rate")));
        assertThat(result.sql()).doesNotContain("JOIN marts.customers");
        assertThat(byFirst(result)).containsEntry("paid", List.of(3L, "70.00", 1.0))
                .containsEntry("open", List.of(2L, "80.00", 0.0));
    }

    @Test
    void joinedViewMeasuresCountEachJoinedRowOncePerGroup() {
        QueryResult result = engine.run(QueryRequest.of("Orders", List.of("status"),
                List.of("customers.count", "customers.total_value", "count")));
        // paid: o1, o2 (c1) and o4 (c2); a plain join would count c1 twice (3 customers, 400.00).
        assertThat(byFirst(result)).containsEntry("paid", List.of(2L, "300.00", 3L))
                .containsEntry("open", List.of(2L, "400.00", 2L));
        assertThat(result.sql()).contains("LEFT JOIN marts.customers AS customers ON orders.customer_id = "
                + "customers.customer_id").contains("SELECT DISTINCT");

        QueryResult totals = engine.run(QueryRequest.of("Orders", List.of(), List.of("customers.count",
                "customers.value_per_order")));
        assertThat(totals.rows().get(0).get("customers.count")).isEqualTo(3L);
        assertThat(((Number) totals.rows().get(0).get("customers.value_per_order")).doubleValue())
                .isEqualTo(600.0 / 5);
    }

    @Test
    void aNullDimensionIsAGroupOfItsOwnInEveryMeasure() {
        // o5's customer c3 has no profile: its orders form the NULL tier, which the joined-view group must match
        // (groups are joined on null-safe keys, not on the dimension itself).
        QueryResult result = engine.run(QueryRequest.of("Orders", List.of("profiles.tier"),
                List.of("count", "customers.count")));
        assertThat(result.rows()).hasSize(3);
        assertThat(byFirst(result)).containsEntry("gold", List.of(3L, 1L))
                .containsEntry("silver", List.of(1L, 1L))
                .containsEntry(null, List.of(1L, 1L));
    }

    @Test
    void customDimensionsOfJoinedViewsBringTheirJoinsAlong() {
        QueryResult result = engine.run(QueryRequest.of("Orders", List.of("customers.tier_or_none", "size"),
                List.of("count")).withSort(List.of(new Sort("count", "desc"), new Sort("size", "asc"),
                new Sort("customers.tier_or_none", "asc"))));
        assertThat(result.sql()).contains("LEFT JOIN marts.profiles AS profiles ON customers.customer_id");
        assertThat(result.rows()).extracting(row -> row.get("customers.tier_or_none") + "/" + row.get("size") + "="
                + row.get("count")).containsExactly("gold/small=2", "gold/large=1", "none/large=1", "silver/large=1");
    }

    @Test
    void filtersAreBoundParametersTypedByTheirField() {
        String hostile = "paid' OR '1'='1";
        QueryResult result = engine.run(QueryRequest.of("Orders", List.of(), List.of("count")).withFilters(List.of(
                Filter.of("status", "eq", hostile), Filter.of("ordered_on", "between", "2020-01-01", "2020-01-31"))));
        assertThat(result.rows().get(0).get("count")).isEqualTo(0L);
        assertThat(result.sql()).doesNotContain(hostile).contains("CAST(? AS DATE)");
        assertThat(result.parameters()).containsExactly(hostile, "2020-01-01", "2020-01-31");

        QueryResult in = engine.run(QueryRequest.of("Orders", List.of(), List.of("revenue")).withFilters(List.of(
                Filter.of("customers.country", "in", "DE"), Filter.of("amount", "gte", 20))));
        assertThat(in.rows().get(0).get("revenue").toString()).isEqualTo("100.00");
    }

    @Test
    void rowFiltersRepeatInEveryGroupAndMeasureFiltersApplyToTheResult() {
        QueryResult result = engine.run(QueryRequest.of("Orders", List.of("status"), List.of("count",
                "customers.count")).withFilters(List.of(Filter.of("amount", "gt", 15), Filter.of("count", "gte", 2))));
        assertThat(result.parameters()).hasSize(3);
        assertThat(byFirst(result)).containsOnlyKeys("paid", "open");
        assertThat(byFirst(result).get("paid")).isEqualTo(List.of(2L, 2L));
    }

    @Test
    void windowDimensionsAreComputedBeforeAnyFilter() {
        QueryResult firsts = engine.run(QueryRequest.of("Orders", List.of(), List.of("count")).withFilters(List.of(
                Filter.of("status", "eq", "open"), Filter.of("order_rank", "eq", 1))));
        // o3 is c1's third order even though the filter on status leaves it alone among c1's orders.
        assertThat(firsts.rows().get(0).get("count")).isEqualTo(1L);
    }

    @Test
    void refusesUnknownFieldsBadOperatorsAndBadValuesByName() {
        assertThatThrownBy(() -> engine.compile(QueryRequest.of("Nope", List.of(), List.of("count"))))
                .isInstanceOf(QueryException.class).hasMessageContaining("unknown topic 'Nope'")
                .hasMessageContaining("Orders");
        assertThatThrownBy(() -> engine.compile(QueryRequest.of("Orders", List.of("colour"), List.of("count",
                "profit")))).hasMessageContaining("unknown dimension 'colour'")
                .hasMessageContaining("unknown measure 'profit'");
        assertThatThrownBy(() -> engine.compile(QueryRequest.of("Orders", List.of(), List.of("count"))
                .withFilters(List.of(Filter.of("status", "resembles", "x"))))).hasMessageContaining("resembles");
        assertThatThrownBy(() -> engine.compile(QueryRequest.of("Orders", List.of(), List.of("count"))
                .withFilters(List.of(Filter.of("ordered_on", "eq", "yesterday"))))).hasMessageContaining("ordered_on")
                .hasMessageContaining("yyyy-mm-dd");
        assertThatThrownBy(() -> engine.compile(QueryRequest.of("Orders", List.of(), List.of("count"))
                .withFilters(List.of(Filter.of("amount", "between", 1))))).hasMessageContaining("2 value(s)");
        assertThatThrownBy(() -> engine.compile(new QueryRequest("Orders", List.of(), List.of("count"), null, null,
                0, false))).hasMessageContaining("limit 0");
        assertThatThrownBy(() -> engine.compile(QueryRequest.of("Orders", List.of(), List.of("count"))
                .withSort(List.of(new Sort("revenue", "desc"))))).hasMessageContaining("sort on revenue");
    }

    @Test
    void csvHasAHeaderAndQuotesWhereNeeded() {
        QueryResult result = engine.run(QueryRequest.of("Orders", List.of("status"), List.of("revenue")));
        assertThat(CsvFormat.write(result)).isEqualTo("status,revenue\r\nopen,80.00\r\npaid,70.00\r\n");
    }

    private static Map<Object, List<Object>> byFirst(QueryResult result) {
        return result.rows().stream().collect(Collectors.toMap(row -> row.values().iterator().next(),
                row -> row.values().stream().skip(1).map(value -> value instanceof java.math.BigDecimal decimal
                        ? decimal.toPlainString() : value instanceof Number number && !(value instanceof Long)
                        && !(value instanceof Double) ? (Object) number.longValue() : value).toList()));
    }
}
