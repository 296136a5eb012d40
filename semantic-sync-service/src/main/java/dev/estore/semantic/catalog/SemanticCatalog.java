package dev.estore.semantic.catalog;

import dev.estore.semantic.model.ColumnRef;
import dev.estore.semantic.model.TopicDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The semantic layer as validated against the warehouse: what the query API and the BI sync work from. */
public record SemanticCatalog(Map<String, ResolvedView> views, Map<String, TopicDefinition> topics,
        Instant validatedAt) {

    public Optional<TopicDefinition> topic(String name) {
        return topics.values().stream().filter(topic -> topic.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The dimensions a topic offers: those of its views whose columns all come from views in the topic. */
    public List<DimensionField> dimensionsOf(TopicDefinition topic) {
        List<DimensionField> fields = new ArrayList<>();
        for (String view : topic.views()) {
            views.get(view).dimensions().values().stream()
                    .filter(field -> field.references().stream().map(ColumnRef::view).allMatch(topic.views()::contains))
                    .forEach(fields::add);
        }
        return fields;
    }

    /** The measures a topic offers, with the same rule. */
    public List<MeasureField> measuresOf(TopicDefinition topic) {
        List<MeasureField> fields = new ArrayList<>();
        for (String view : topic.views()) {
            views.get(view).measures().values().stream()
                    .filter(field -> topic.views().containsAll(field.views()))
                    .forEach(fields::add);
        }
        return fields;
    }
}
