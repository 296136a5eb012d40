package dev.estore.transform.build;

import dev.estore.transform.window.ChangedWindow;

/**
 * How one model is built in this run.
 *
 * @param kind a full build, an incremental one, or nothing to do
 * @param window the days the model's SQL reads and rewrites ({@code in_window}); every day in a full build
 * @param testWindow the days whose rows the data tests check; every day unless the build was incremental
 * @param handedDown the days the model changed, handed to its children
 * @param reason why, in a word, for the log and the run record
 */
record BuildPlan(Kind kind, ChangedWindow window, ChangedWindow testWindow, ChangedWindow handedDown,
        String reason) {

    enum Kind { FULL, INCREMENTAL, UP_TO_DATE }

    boolean incremental() {
        return kind == Kind.INCREMENTAL;
    }
}
