package dev.estore.semantic.catalog;

import dev.estore.semantic.model.ViewDefinition;
import java.util.Map;

/** A view checked against the warehouse: its relation, its description and every field it offers. */
public record ResolvedView(ViewDefinition definition, String relation, String description,
        Map<String, DimensionField> dimensions, Map<String, MeasureField> measures) {

    public String name() {
        return definition.name();
    }
}
