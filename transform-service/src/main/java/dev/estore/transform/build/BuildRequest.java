package dev.estore.transform.build;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to build. {@code select} uses dbt's selector grammar ({@link dev.estore.transform.select.NodeSelector}):
 * {@code fct_events} builds one model, {@code fct_events+} the model and everything downstream of it,
 * {@code tag:customers} the tagged ones; an empty list builds every model. An exclusion is resolved to model names
 * before a request is made, so that queued requests can merge by union.
 * What changed is not part of the request: every build reads it from the load ledger (see
 * {@link dev.estore.transform.window.ChangeLedger}), so a trigger that is lost or joins another loses nothing.
 */
public record BuildRequest(List<String> select, boolean fullRefresh, List<String> triggers) {

    public BuildRequest {
        if (select != null) {
            for (int i = 0; i < select.size(); i++) {
                if (select.get(i) == null || select.get(i).isBlank()) {
                    throw new IllegalArgumentException("select[" + i + "] is empty: give model names like "
                            + "\"fct_events\", \"+dim_users\" or \"fct_sessions+\" (or no select for all models)");
                }
            }
        }
        select = List.copyOf(select == null ? List.of() : select);
        triggers = List.copyOf(triggers == null ? List.of() : triggers);
    }

    public static BuildRequest all(String trigger) {
        return new BuildRequest(List.of(), false, List.of(trigger));
    }

    public boolean selectsAll() {
        return select.isEmpty();
    }

    /** The request that satisfies both: the union of the selections, full refresh if either asked. */
    public BuildRequest mergedWith(BuildRequest other) {
        Set<String> selection = new LinkedHashSet<>(select);
        selection.addAll(other.select);
        List<String> allTriggers = new ArrayList<>(triggers);
        allTriggers.addAll(other.triggers);
        return new BuildRequest(selectsAll() || other.selectsAll() ? List.of() : List.copyOf(selection),
                fullRefresh || other.fullRefresh, allTriggers);
    }
}
