package dev.estore.transform.project;

import java.util.List;

/**
 * The {@code incremental:} block of an incremental model.
 *
 * @param strategy how the window's rows replace the previous ones
 * @param replaceBy delete+insert and fold: the expression over the model's columns that names a replaced group
 * @param replaceWhere delete+insert: a condition on the previous rows that are replaced too, even when the query
 *     returns nothing for their group (a group whose rows all went away); may use the window functions
 * @param alsoReads a query run before an incremental build, returning {@code first_day, last_day} rows: days the
 *     build must read besides its changed days ({@code in_read_window}), e.g. the days of sessions a changed day
 *     can still reach
 * @param testedRows a condition naming the rows an incremental build changed, for a model without a
 *     {@code window_column} (a fold's state by key): its tests check those rows only, as a model with a window
 *     column checks its changed days; may use the window functions. Null: its tests check every row
 * @param predicates dbt's {@code incremental_predicates}: conditions on the previous rows that every replaced row
 *     meets (delete+insert and fold), so the delete reads only part of the table (e.g. recent partitions); rows
 *     outside them are kept as they are; may use the window functions
 * @param batchedByDay dbt's {@code batch_size: day} (insert_overwrite by day only): the SQL is exact for any set of
 *     whole days, so a build may write its days in several statements, each rendered with a batch of days as its
 *     window (dbt's microbatch), where one statement over a big window would outgrow the engine's memory
 */
public record IncrementalConfig(IncrementalStrategy strategy, String replaceBy, String replaceWhere,
        String alsoReads, String testedRows, List<String> predicates, boolean batchedByDay) {

    public IncrementalConfig {
        predicates = List.copyOf(predicates);
    }

    public IncrementalConfig(IncrementalStrategy strategy, String replaceBy, String replaceWhere, String alsoReads) {
        this(strategy, replaceBy, replaceWhere, alsoReads, null, List.of(), false);
    }

    public IncrementalConfig(IncrementalStrategy strategy, String replaceBy, String replaceWhere, String alsoReads,
            String testedRows) {
        this(strategy, replaceBy, replaceWhere, alsoReads, testedRows, List.of(), false);
    }

    /**
     * A folding model cannot take a day back out of its state: a window holding a day it already folded in
     * rebuilds it in full.
     */
    public boolean fullRefreshOnEarlierDates() {
        return strategy == IncrementalStrategy.FOLD;
    }
}
