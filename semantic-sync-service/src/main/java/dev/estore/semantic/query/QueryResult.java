package dev.estore.semantic.query;

import java.util.List;
import java.util.Map;

/** The answer to a query: its columns, its rows keyed by the requested field names, and the SQL that ran. */
public record QueryResult(String topic, List<CompiledQuery.OutputColumn> columns, List<Map<String, Object>> rows,
        String sql, List<Object> parameters, long millis, boolean cached) {

    public QueryResult(String topic, List<CompiledQuery.OutputColumn> columns, List<Map<String, Object>> rows,
            String sql, List<Object> parameters, long millis) {
        this(topic, columns, rows, sql, parameters, millis, false);
    }

    /** The same answer, served from the cache (no warehouse time). */
    QueryResult fromCache() {
        return new QueryResult(topic, columns, rows, sql, parameters, 0, true);
    }
}
