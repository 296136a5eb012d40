package dev.estore.semantic.model;

import dev.estore.shared.ports.Warehouse.ValueKind;
import java.util.List;
import java.util.Map;

/**
 * A dimension with its own SQL. {@code window} dimensions use window functions: they are computed over the whole
 * table in a subquery before any join or filter, so a filter never changes what they say about a row.
 */
public record CustomDimension(String view, String name, String sql, ValueKind type, String description,
        boolean window, Map<ColumnRef, KindRequirement> expects, List<ColumnRef> references) {
}
