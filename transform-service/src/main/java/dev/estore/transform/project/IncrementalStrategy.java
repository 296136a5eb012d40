package dev.estore.transform.project;

import java.util.Locale;

/** How an incremental model takes in the days that changed (its window); the names are dbt's. */
public enum IncrementalStrategy {
    /**
     * The window's date partitions are deleted and the query's rows for them inserted. The query reads only the
     * window ({@code in_window}); older days are not touched. Needs {@code partition_by}.
     */
    INSERT_OVERWRITE("insert_overwrite"),
    /** Upserts by unique key: rows whose key the query returns are replaced or added, all others are kept. */
    MERGE("merge"),
    /**
     * Running state folded day by day (counts and sums add, min and max combine): the query returns the new state
     * of the keys the window touches (their window rows combined with their previous state, {@code {{ this }}}),
     * and those keys' rows are replaced ({@code replace_by}, by default the unique key). Costs in proportion to
     * the touched keys, not to events or to all keys. A changed day the model already folded in (a late, replaced
     * or rewritten file) cannot be subtracted, so that build recomputes the model from all days.
     */
    FOLD("fold"),
    /**
     * Deletes the rows whose {@code replace_by} value appears among the query's rows, then inserts the query's
     * rows: a group of rows (e.g. every session split from one user_session) is replaced as a whole.
     */
    DELETE_INSERT("delete+insert");

    private final String yamlName;

    IncrementalStrategy(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    static IncrementalStrategy parse(String text, String path) {
        for (IncrementalStrategy strategy : values()) {
            if (strategy.yamlName.equals(text.toLowerCase(Locale.ROOT))) {
                return strategy;
            }
        }
        throw new ProjectException(path + ": incremental.strategy '" + text + "' is not one of "
                + java.util.Arrays.stream(values()).map(IncrementalStrategy::yamlName).toList());
    }
}
