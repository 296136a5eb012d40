package dev.estore.semantic.model;

import java.util.ArrayList;
import java.util.List;

/** A topic: a base view and the joins that reach further views, in the order they are joined. */
public record TopicDefinition(String name, String description, String baseView, List<JoinDefinition> joins) {

    public List<String> views() {
        List<String> views = new ArrayList<>();
        views.add(baseView);
        joins.forEach(join -> views.add(join.view()));
        return views;
    }

    public JoinDefinition joinOf(String view) {
        return joins.stream().filter(join -> join.view().equals(view)).findFirst().orElse(null);
    }
}
