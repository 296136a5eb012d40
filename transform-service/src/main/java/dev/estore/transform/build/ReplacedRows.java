package dev.estore.transform.build;

import java.util.List;

/**
 * Which previous rows a delete+insert or fold build deletes, rendered for this build: those whose {@code by}
 * value the new rows name, or that meet {@code where} (a group whose rows all went away; null if none), and in
 * either case meet every one of {@code predicates} (dbt's incremental_predicates: rows outside are kept).
 */
record ReplacedRows(String by, String where, List<String> predicates) {

    ReplacedRows {
        predicates = List.copyOf(predicates);
    }

    /** The DELETE condition, given the relation holding the new rows. */
    String condition(String newRows) {
        String named = by + " IN (SELECT " + by + " FROM " + newRows + ")"
                + (where == null ? "" : " OR (" + where + ")");
        if (predicates.isEmpty()) {
            return named;
        }
        StringBuilder condition = new StringBuilder("(").append(named).append(")");
        predicates.forEach(predicate -> condition.append(" AND (").append(predicate).append(")"));
        return condition.toString();
    }
}
