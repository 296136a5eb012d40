package dev.estore.semantic.model;

import java.util.List;
import java.util.Map;

/**
 * A measure of a view. Aggregates have {@code sql} (a row-level expression; none for count, which counts the
 * view's rows by its primary key); a ratio names its {@code numerator} and {@code denominator} measures
 * ({@code measure} of the same view or {@code view.measure}) and is NULL where the denominator is 0.
 */
public record MeasureDefinition(String view, String name, MeasureType type, String sql, String numerator,
        String denominator, String description, Map<ColumnRef, KindRequirement> expects,
        List<ColumnRef> references) {

    public boolean isRatio() {
        return type == MeasureType.RATIO;
    }
}
