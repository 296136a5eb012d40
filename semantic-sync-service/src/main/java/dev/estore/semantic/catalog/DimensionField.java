package dev.estore.semantic.catalog;

import dev.estore.semantic.model.ColumnRef;
import dev.estore.shared.ports.Warehouse.ValueKind;
import java.util.List;

/** A dimension as the query API sees it: a column of the view, or a custom one with its own SQL. */
public record DimensionField(String view, String name, ValueKind kind, String description, String sql,
        boolean custom, boolean window, List<ColumnRef> references) {

    public String qualified() {
        return view + "." + name;
    }

    static DimensionField column(String view, String column, ValueKind kind, String description) {
        return new DimensionField(view, column, kind, description, "${" + column + "}", false, false,
                List.of(new ColumnRef(view, column)));
    }
}
