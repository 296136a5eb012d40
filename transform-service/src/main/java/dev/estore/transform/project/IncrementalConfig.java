package dev.estore.transform.project;

/**
 * The {@code incremental:} block of an incremental model.
 *
 * @param strategy how the window's rows replace the previous ones
 * @param replaceBy delete+insert: the expression over the model's columns that names a replaced group
 * @param replaceWhere delete+insert: a condition on the previous rows that are replaced too, even when the query
 *     returns nothing for their group (a group whose rows all went away); may use the window functions
 * @param fullRefreshOnEarlierDates merge models that fold each day into running state (counts, sums, min/max):
 *     a window holding a day the model already folded in (a late, replaced or rewritten file) cannot be
 *     subtracted from that state, so such a build recomputes the model in full
 *     ({@code on_earlier_dates: full_refresh})
 */
public record IncrementalConfig(IncrementalStrategy strategy, String replaceBy, String replaceWhere,
        boolean fullRefreshOnEarlierDates) {
}
