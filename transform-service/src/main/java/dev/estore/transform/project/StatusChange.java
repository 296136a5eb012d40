package dev.estore.transform.project;

/**
 * A keyed state model's {@code status_change:}: when the boolean {@code when} (over the state's columns) flips for
 * a key, the rows of that key in {@code datesFrom} change on every day they lie on, far beyond the changed
 * window (a product found under a second brand leaves stg_events on all its days). Those days, read from
 * {@code datesFrom.dateColumn}, are added to the window of the models downstream.
 */
public record StatusChange(String when, String datesFrom, String dateColumn) {
}
