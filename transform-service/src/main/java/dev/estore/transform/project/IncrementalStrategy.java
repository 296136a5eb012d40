package dev.estore.transform.project;

/** How an incremental model takes in new data. */
public enum IncrementalStrategy {
    /**
     * Rewrites the date partitions from the newest one already in the table onward (delete them, insert the
     * query's rows for them). Older partitions are left as they are.
     */
    INSERT_OVERWRITE,
    /** Upserts by unique key: rows whose key is in the query's result are replaced, others are kept. */
    MERGE
}
