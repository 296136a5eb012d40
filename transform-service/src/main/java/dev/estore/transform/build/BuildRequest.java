package dev.estore.transform.build;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to build. {@code select} uses dbt's selector syntax: {@code fct_events} builds one model,
 * {@code fct_events+} the model and everything downstream of it; an empty list builds every model.
 * {@code changedFrom} is the earliest event date that new raw data touched (null when unknown): insert-overwrite
 * models rewrite their partitions from there when that is earlier than their newest partition, so a month loaded
 * late is not missed.
 */
public record BuildRequest(List<String> select, boolean fullRefresh, List<String> triggers, LocalDate changedFrom) {

    public BuildRequest {
        select = List.copyOf(select == null ? List.of() : select);
        triggers = List.copyOf(triggers == null ? List.of() : triggers);
    }

    public BuildRequest(List<String> select, boolean fullRefresh, List<String> triggers) {
        this(select, fullRefresh, triggers, null);
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
        LocalDate earliest = changedFrom == null ? other.changedFrom
                : other.changedFrom == null || changedFrom.isBefore(other.changedFrom) ? changedFrom
                : other.changedFrom;
        return new BuildRequest(selectsAll() || other.selectsAll() ? List.of() : List.copyOf(selection),
                fullRefresh || other.fullRefresh, allTriggers, earliest);
    }
}
