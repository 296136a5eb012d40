package dev.estore.snapshot.definition;

/** How a snapshot decides that a source row changed. */
public enum Strategy {

    /** One of the checked columns differs from the current version (NULL-safe). */
    CHECK,

    /** The source's updated-at column is newer than the current version's. */
    TIMESTAMP
}
