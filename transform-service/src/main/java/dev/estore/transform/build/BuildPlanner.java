package dev.estore.transform.build;

import dev.estore.transform.project.Materialization;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.window.ChangedWindow;
import java.time.LocalDate;

/**
 * Decides how a model builds from the days it has pending: views and tables are built whole (their children get
 * the days their parents changed); an incremental model reads and rewrites only its pending days, builds in full
 * when it does not exist yet, on a full refresh, when every day is pending, or (a model folding days into running
 * state) when a pending day is one it already folded in; with no pending day it is up to date.
 */
final class BuildPlanner {

    private BuildPlanner() {
    }

    static BuildPlan plan(ModelDefinition model, ChangedWindow pending, boolean exists, boolean fullRefresh,
            LocalDate foldedThrough) {
        if (model.materialization() != Materialization.INCREMENTAL) {
            ChangedWindow tested = model.windowColumn() != null && exists && !fullRefresh ? pending
                    : ChangedWindow.all();
            return new BuildPlan(BuildPlan.Kind.FULL, ChangedWindow.all(), tested,
                    exists && !fullRefresh ? pending : ChangedWindow.all(), model.materialization() == Materialization.VIEW
                            ? "view" : "full");
        }
        if (fullRefresh || !exists || pending.isAll()) {
            String reason = fullRefresh ? "full refresh" : !exists ? "full (new table)" : "full (every day changed)";
            return full(reason, ChangedWindow.all());
        }
        if (pending.isEmpty()) {
            return new BuildPlan(BuildPlan.Kind.UP_TO_DATE, pending, pending, pending, "up to date");
        }
        if (model.incremental().fullRefreshOnEarlierDates() && (foldedThrough == null
                || !pending.isAfter(foldedThrough))) {
            return full("full (" + pending.dates().first() + " was already folded in)", pending);
        }
        boolean testsNameTheirRows = model.windowColumn() != null || model.incremental().testedRows() != null;
        return new BuildPlan(BuildPlan.Kind.INCREMENTAL, pending, testsNameTheirRows ? pending : ChangedWindow.all(),
                pending, "incremental");
    }

    private static BuildPlan full(String reason, ChangedWindow handedDown) {
        return new BuildPlan(BuildPlan.Kind.FULL, ChangedWindow.all(), ChangedWindow.all(), handedDown, reason);
    }
}
