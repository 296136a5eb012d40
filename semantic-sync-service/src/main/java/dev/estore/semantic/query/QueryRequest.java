package dev.estore.semantic.query;

import java.util.List;

/**
 * A question to the semantic layer. Fields are named {@code view.field} (or just {@code field} when only one view
 * of the topic has it). {@code dryRun} returns the SQL without running it.
 */
public record QueryRequest(String topic, List<String> dimensions, List<String> measures, List<Filter> filters,
        List<Sort> sort, Integer limit, Boolean dryRun) {

    public QueryRequest {
        dimensions = withoutNulls("dimensions", dimensions);
        measures = withoutNulls("measures", measures);
        filters = withoutNulls("filters", filters);
        sort = withoutNulls("sort", sort);
    }

    /** A missing list is empty; a null inside one is the caller's mistake, named by its position. */
    private static <T> List<T> withoutNulls(String name, List<T> list) {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new QueryException(name + "[" + i + "] is null: remove it or give a value");
            }
        }
        return List.copyOf(list);
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
