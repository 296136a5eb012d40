package dev.estore.semantic.findings;

import dev.estore.semantic.query.QueryRequest;
import dev.estore.semantic.query.QueryRequest.Filter;
import dev.estore.semantic.query.QueryRequest.Sort;
import dev.estore.semantic.query.SemanticQueryEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Computes the findings with semantic queries only (no SQL of its own), so the report and any BI user read the
 * same definitions. Segments are the RFM segments of customers (dim_user_rfm.rfm_segment, users with purchases).
 */
@ApplicationScoped
public class FindingsReport {

    private static final String SEGMENT = "dim_user_rfm.rfm_segment";
    private static final Filter CUSTOMERS_ONLY = Filter.of(SEGMENT, "is_not_null");

    private final SemanticQueryEngine queries;

    public FindingsReport(SemanticQueryEngine queries) {
        this.queries = queries;
    }

    public Findings compute() {
        return new Findings(Instant.now(), rfmSegments(), funnel(), churn(), categories());
    }

    private List<Findings.SegmentShare> rfmSegments() {
        List<Map<String, Object>> rows = rows(QueryRequest.of("Customers", List.of(SEGMENT),
                List.of("dim_users.count", "dim_users.sum_revenue")).withFilters(List.of(CUSTOMERS_ONLY))
                .withSort(List.of(new Sort("dim_users.sum_revenue", "desc"))));
        double customers = rows.stream().mapToDouble(row -> number(row.get("dim_users.count"))).sum();
        double revenue = rows.stream().mapToDouble(row -> number(row.get("dim_users.sum_revenue"))).sum();
        return rows.stream().map(row -> new Findings.SegmentShare((String) row.get(SEGMENT),
                (long) number(row.get("dim_users.count")), share(number(row.get("dim_users.count")), customers),
                number(row.get("dim_users.sum_revenue")), share(number(row.get("dim_users.sum_revenue")), revenue)))
                .toList();
    }

    private Findings.Funnel funnel() {
        Map<String, Object> all = rows(QueryRequest.of("Sessions", List.of(), List.of("count",
                "sessions_reached_view", "sessions_reached_cart", "sessions_reached_purchase", "view_to_cart_rate",
                "cart_to_purchase_rate", "conversion_rate", "cart_abandonment_rate"))).get(0);
        return new Findings.Funnel((long) number(all.get("count")), (long) number(all.get("sessions_reached_view")),
                (long) number(all.get("sessions_reached_cart")), (long) number(all.get("sessions_reached_purchase")),
                rate(all.get("view_to_cart_rate")), rate(all.get("cart_to_purchase_rate")),
                rate(all.get("conversion_rate")), rate(all.get("cart_abandonment_rate")),
                conversionBy("fct_sessions.session_visit_type", List.of()),
                conversionBy(SEGMENT, List.of(CUSTOMERS_ONLY)),
                conversionBy("fct_sessions.session_quality_tier", List.of()));
    }

    private List<Findings.GroupConversion> conversionBy(String dimension, List<Filter> filters) {
        return rows(QueryRequest.of("Sessions", List.of(dimension), List.of("count", "conversion_rate"))
                .withFilters(filters)).stream().map(row -> new Findings.GroupConversion(
                        String.valueOf(row.get(dimension)), (long) number(row.get("count")),
                        rate(row.get("conversion_rate")))).toList();
    }

    private List<Findings.SegmentChurn> churn() {
        return rows(QueryRequest.of("Customers", List.of(SEGMENT), List.of("dim_users.count", "churn_rate",
                "avg_session_count", "avg_aov")).withFilters(List.of(CUSTOMERS_ONLY))
                .withSort(List.of(new Sort("churn_rate", "desc")))).stream()
                .map(row -> new Findings.SegmentChurn((String) row.get(SEGMENT), (long) number(row.get("dim_users.count")),
                        rate(row.get("churn_rate")), rate(row.get("avg_session_count")), rate(row.get("avg_aov"))))
                .toList();
    }

    private List<Findings.CategoryPerformance> categories() {
        String category = "dim_products.category_lvl_1";
        return rows(QueryRequest.of("Events", List.of(category), List.of("revenue", "purchase_count",
                "purchase_rate", "cart_add_rate", "views_per_session"))
                .withSort(List.of(new Sort("revenue", "desc")))).stream()
                .map(row -> new Findings.CategoryPerformance(row.get(category) == null ? "(no category)"
                        : (String) row.get(category), number(row.get("revenue")), (long) number(row.get("purchase_count")),
                        rate(row.get("purchase_rate")), rate(row.get("cart_add_rate")),
                        rate(row.get("views_per_session")))).toList();
    }

    private List<Map<String, Object>> rows(QueryRequest request) {
        return queries.run(request).rows();
    }

    private static double number(Object value) {
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    private static Double rate(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static double share(double part, double total) {
        return total == 0 ? 0 : part / total;
    }
}
