package dev.estore.semantic.omni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.estore.semantic.catalog.DimensionField;
import dev.estore.semantic.catalog.MeasureField;
import dev.estore.semantic.catalog.ResolvedView;
import dev.estore.semantic.catalog.SemanticCatalog;
import dev.estore.semantic.model.ColumnRef;
import dev.estore.semantic.model.JoinDefinition;
import dev.estore.semantic.model.MeasureType;
import dev.estore.semantic.model.TopicDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The semantic layer as Omni model YAML: one {@code <schema>__<table>.view} file per view, named as Omni names the
 * table of the connection (the schema as the warehouse calls it: {@code marts} on DuckDB, the dataset
 * {@code estore_marts} on BigQuery), with every dimension's and measure's description and the custom fields' SQL;
 * one {@code <Topic>.topic} file per topic; and the model's {@code relationships} file, which tells Omni how each
 * topic join is made (a topic only names the views it joins). Omni writes SQL references as {@code ${view.field}};
 * its average aggregate is {@code average}.
 */
public final class OmniModelFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private OmniModelFiles() {
    }

    public static Map<String, String> of(SemanticCatalog catalog) {
        Map<String, String> files = new LinkedHashMap<>();
        catalog.views().values().forEach(view -> files.put(omniName(view) + ".view", yaml(view(view, catalog))));
        catalog.topics().values().forEach(topic -> files.put(topic.name() + ".topic", yaml(topic(topic, catalog))));
        List<Map<String, Object>> relationships = relationships(catalog);
        if (!relationships.isEmpty()) {
            files.put(RELATIONSHIPS_FILE, yaml(relationships));
        }
        return files;
    }

    /** The model file in which Omni reads how views join. */
    public static final String RELATIONSHIPS_FILE = "relationships";

    /** Omni's name of a table outside the connection's default schema: its schema (dataset), two underscores, name. */
    static String omniName(ResolvedView view) {
        return warehouseSchema(view) + "__" + view.definition().table();
    }

    /** The schema part of the view's relation as the warehouse writes it ({@code `p.estore_marts.t`}, {@code marts.t}). */
    private static String warehouseSchema(ResolvedView view) {
        String[] parts = view.relation().replace("`", "").replace("\"", "").split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : view.definition().schema();
    }

    /** One relationship per distinct join of the topics (two topics joining the same way share it). */
    private static List<Map<String, Object>> relationships(SemanticCatalog catalog) {
        Map<String, Map<String, Object>> unique = new LinkedHashMap<>();
        for (TopicDefinition topic : catalog.topics().values()) {
            for (JoinDefinition join : topic.joins()) {
                String from = omniName(catalog.views().get(join.from()));
                String to = omniName(catalog.views().get(join.view()));
                String on = join.on().entrySet().stream()
                        .map(pair -> "${" + from + "." + pair.getKey() + "} = ${" + to + "." + pair.getValue() + "}")
                        .collect(java.util.stream.Collectors.joining(" AND "));
                Map<String, Object> relationship = new LinkedHashMap<>();
                relationship.put("join_from_view", from);
                relationship.put("join_to_view", to);
                relationship.put("join_type", "always_left");
                relationship.put("on_sql", on);
                relationship.put("relationship_type", join.relationship().name().toLowerCase(java.util.Locale.ROOT));
                unique.putIfAbsent(from + " -> " + to + " on " + on, relationship);
            }
        }
        return List.copyOf(unique.values());
    }

    private static Map<String, Object> view(ResolvedView view, SemanticCatalog catalog) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (view.description() != null) {
            out.put("description", view.description());
        }
        Map<String, Object> dimensions = new LinkedHashMap<>();
        for (DimensionField field : view.dimensions().values()) {
            Map<String, Object> dimension = new LinkedHashMap<>();
            if (field.custom()) {
                dimension.put("sql", omniSql(field.sql(), view.name(), catalog));
            }
            if (field.name().equals(view.definition().primaryKey())) {
                dimension.put("primary_key", true);
            }
            if (field.description() != null) {
                dimension.put("description", field.description());
            }
            dimensions.put(field.name(), dimension);
        }
        out.put("dimensions", dimensions);
        Map<String, Object> measures = new LinkedHashMap<>();
        for (MeasureField field : view.measures().values()) {
            Map<String, Object> measure = new LinkedHashMap<>();
            if (field.type() == MeasureType.RATIO) {
                measure.put("sql", "1.0 * ${" + omniField(field.numerator(), catalog) + "} / NULLIF(${"
                        + omniField(field.denominator(), catalog) + "}, 0)");
            } else {
                if (field.sql() != null) {
                    measure.put("sql", omniSql(field.sql(), view.name(), catalog));
                }
                measure.put("aggregate_type", aggregateType(field.type()));
            }
            if (field.description() != null) {
                measure.put("description", field.description());
            }
            measures.put(field.name(), measure);
        }
        out.put("measures", measures);
        return out;
    }

    /** Omni's aggregate names: ours but for the average. */
    static String aggregateType(MeasureType type) {
        return type == MeasureType.AVG ? "average" : type.toString();
    }

    private static Map<String, Object> topic(TopicDefinition topic, SemanticCatalog catalog) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("base_view", omniName(catalog.views().get(topic.baseView())));
        if (topic.description() != null) {
            out.put("description", topic.description());
        }
        Map<String, Object> joins = new LinkedHashMap<>();
        for (JoinDefinition join : topic.joins()) {
            Map<String, Object> nested = joins;
            if (!join.from().equals(topic.baseView())) {
                nested = findNested(joins, omniName(catalog.views().get(join.from())));
            }
            nested.put(omniName(catalog.views().get(join.view())), new LinkedHashMap<String, Object>());
        }
        out.put("joins", joins);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> findNested(Map<String, Object> joins, String name) {
        if (joins.containsKey(name)) {
            return (Map<String, Object>) joins.get(name);
        }
        for (Object child : joins.values()) {
            Map<String, Object> found = findNested((Map<String, Object>) child, name);
            if (found != null) {
                return found;
            }
        }
        return joins;
    }

    private static String omniField(MeasureField field, SemanticCatalog catalog) {
        return omniName(catalog.views().get(field.view())) + "." + field.name();
    }

    private static String omniSql(String sql, String ownView, SemanticCatalog catalog) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\$\\{([^}]*)}").matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            ColumnRef ref = ColumnRef.parse(matcher.group(1), ownView, "sql");
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("${"
                    + omniName(catalog.views().get(ref.view())) + "." + ref.column() + "}"));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
