package dev.estore.snapshot.run;

import dev.estore.snapshot.definition.SnapshotDefinition;

/**
 * Hears the steps of a snapshot run inside its transaction. Production code needs none; tests use it to make a
 * run fail between closing the changed versions and inserting the new ones, and check that nothing is left half
 * done.
 */
@FunctionalInterface
public interface StepListener {

    StepListener NONE = definition -> {
    };

    /** The changed (and invalidated) current versions are closed; the new versions are not inserted yet. */
    void versionsClosed(SnapshotDefinition definition);
}
