package dev.estore.semantic.query;

import java.util.List;

/**
 * A question to the semantic layer. Fields are named {@code view.field} (or just {@code field} when only one view
 * of the topic has it). {@code dryRun} returns the SQL without running it.
 */
public record QueryRequest(String topic, List<String> dimensions, List<String> measures, List<Filter> filters,
        List<Sort> sort, Integer limit, Boolean dryRun) {

    public QueryRequest {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        measures = measures == null ? List.of() : List.copyOf(measures);
        filters = filters == null ? List.of() : List.copyOf(filters);
        sort = sort == null ? List.of() : List.copyOf(sort);
    }

    public static QueryRequest of(String topic, List<String> dimensions, List<String> measures) {
        return new QueryRequest(topic, dimensions, measures, List.of(), List.of(), null, false);
    }

    public QueryRequest withFilters(List<Filter> newFilters) {
        return new QueryRequest(topic, dimensions, measures, newFilters, sort, limit, dryRun);
    }

    public QueryRequest withSort(List<Sort> newSort) {
        return new QueryRequest(topic, dimensions, measures, filters, newSort, limit, dryRun);
    }

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    /** A condition on a dimension (applied to rows) or a measure (applied to the aggregated result). */
    public record Filter(String field, String op, Object value, List<Object> values) {

        public static Filter of(String field, String op, Object... values) {
            return values.length == 1 ? new Filter(field, op, values[0], null)
                    : new Filter(field, op, null, java.util.Arrays.asList(values));
        }
    }

    /** Ordering by a requested dimension or measure; direction asc (default) or desc. */
    public record Sort(String field, String direction) {
    }
}
