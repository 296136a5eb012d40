package dev.estore.semantic.model;

import java.util.Map;

/** A LEFT join of {@code view} to the topic, from a view already in it, on {@code from column = view column}. */
public record JoinDefinition(String view, String from, Map<String, String> on, Relationship relationship) {

    /** Only relationships that cannot multiply the rows of the view the join starts from are allowed. */
    public enum Relationship { MANY_TO_ONE, ONE_TO_ONE }
}
