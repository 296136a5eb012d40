package dev.estore.transform.build;

import dev.estore.transform.window.ChangedWindow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;

/**
 * The statements of a build written in batches of days ({@code batch_size: day}, dbt's microbatch): the days in
 * order, consecutive ones grouped while the batch holds at most {@code maxEvents} estimated events. A day bigger
 * than that is a batch of its own; a day without an estimate weighs nothing. Unlike dbt, which runs one statement
 * per day, small days share a statement: a statement per day costs more than it saves until a day is big.
 */
final class DayBatches {

    private DayBatches() {
    }

    static List<ChangedWindow> of(NavigableSet<LocalDate> days, Map<LocalDate, Long> eventsByDay, long maxEvents) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("a batch holds at least one event; got " + maxEvents);
        }
        List<ChangedWindow> batches = new ArrayList<>();
        List<LocalDate> batch = new ArrayList<>();
        long events = 0;
        for (LocalDate day : days) {
            long dayEvents = eventsByDay.getOrDefault(day, 0L);
            if (!batch.isEmpty() && events + dayEvents > maxEvents) {
                batches.add(ChangedWindow.of(batch));
                batch = new ArrayList<>();
                events = 0;
            }
            batch.add(day);
            events += dayEvents;
        }
        if (!batch.isEmpty()) {
            batches.add(ChangedWindow.of(batch));
        }
        return batches;
    }
}
