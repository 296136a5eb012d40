package dev.estore.semantic.model;

import java.util.Map;

/** A view of the semantic layer over one warehouse relation, with its custom dimensions and its measures. */
public record ViewDefinition(String name, String file, String schema, String table, String primaryKey,
        String description, Map<String, CustomDimension> dimensions, Map<String, MeasureDefinition> measures) {
}
