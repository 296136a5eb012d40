package dev.estore.transform.project;

/** How a model's query becomes a relation. */
public enum Materialization {
    /** A view: always current, costs nothing to build. */
    VIEW,
    /** A table rebuilt in full on every build. */
    TABLE,
    /** A table changed in place: only new partitions or keys are rewritten; a full refresh rebuilds it. */
    INCREMENTAL
}
