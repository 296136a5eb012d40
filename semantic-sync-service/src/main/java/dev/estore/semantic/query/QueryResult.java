package dev.estore.semantic.query;

import java.util.List;
import java.util.Map;

/** The answer to a query: its columns, its rows keyed by the requested field names, and the SQL that ran. */
public record QueryResult(String topic, List<CompiledQuery.OutputColumn> columns, List<Map<String, Object>> rows,
        String sql, List<Object> parameters, long millis) {
}
