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
import java.util.Map;

/**
 * The semantic layer as Omni model YAML: one {@code <schema>__<table>.view} file per view (Omni's name for a
 * table outside the default schema) with every dimension's and measure's description and the custom fields'
 * SQL, and one {@code <Topic>.topic} file per topic. Omni writes SQL references as {@code ${view.field}}.
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
        return files;
    }

    static String omniName(ResolvedView view) {
        return view.definition().schema() + "__" + view.definition().table();
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
                measure.put("aggregate_type", field.type().toString());
            }
            if (field.description() != null) {
                measure.put("description", field.description());
            }
            measures.put(field.name(), measure);
        }
        out.put("measures", measures);
        return out;
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
