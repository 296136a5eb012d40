package dev.estore.semantic.query;

import java.util.List;

/** The SQL of a query with its positional parameters, and what each result column is. */
public record CompiledQuery(String topic, String sql, List<Object> parameters, List<OutputColumn> columns) {

    /** A result column: the requested field name, the SQL alias it is selected under, and its role. */
    public record OutputColumn(String field, String alias, String role, String kind, String description) {
    }
}
