package dev.estore.semantic.model;

import java.util.Map;

/** The semantic model as written in the files, before it is checked against the warehouse. */
public record SemanticModel(Map<String, ViewDefinition> views, Map<String, TopicDefinition> topics) {
}
