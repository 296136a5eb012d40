package dev.estore.transform.window;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The event dates a build must (re)compute for one model: the days that loads changed since the model last
 * built, or every day (a full build). SQLMesh calls this the interval of an INCREMENTAL_BY_TIME_RANGE model;
 * here it is a set of days, so a late month and a new month do not drag in the months between them.
 */
public final class ChangedWindow {

    private static final ChangedWindow ALL = new ChangedWindow(null);
    private static final ChangedWindow NONE = new ChangedWindow(Collections.emptyNavigableSet());

    /** Null for every day. */
    private final NavigableSet<LocalDate> dates;

    private ChangedWindow(NavigableSet<LocalDate> dates) {
        this.dates = dates;
    }

    public static ChangedWindow all() {
        return ALL;
    }

    public static ChangedWindow none() {
        return NONE;
    }

    public static ChangedWindow of(Collection<LocalDate> dates) {
        return dates.isEmpty() ? NONE : new ChangedWindow(Collections.unmodifiableNavigableSet(new TreeSet<>(dates)));
    }

    /** Every day from {@code first} to {@code last}, both included. */
    public static ChangedWindow between(LocalDate first, LocalDate last) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        return of(days);
    }

    /**
     * The days covered by {@code first_day, last_day} rows of a warehouse query (a row with either NULL covers
     * none).
     */
    public static ChangedWindow coveredBy(List<java.util.Map<String, Object>> ranges) {
        ChangedWindow days = NONE;
        for (java.util.Map<String, Object> range : ranges) {
            if (range.get("first_day") != null && range.get("last_day") != null) {
                days = days.union(between(day(range.get("first_day")), day(range.get("last_day"))));
            }
        }
        return days;
    }

    /** A day as a warehouse returns it: a DATE, or ISO text (yyyy-mm-dd, possibly followed by a time). */
    public static LocalDate day(Object value) {
        return LocalDate.parse(value.toString().substring(0, 10));
    }

    public boolean isAll() {
        return dates == null;
    }

    public boolean isEmpty() {
        return dates != null && dates.isEmpty();
    }

    /** The days, in order; only for a window that is not {@link #isAll() all}. */
    public NavigableSet<LocalDate> dates() {
        if (dates == null) {
            throw new IllegalStateException("a window of every day has no list of days");
        }
        return dates;
    }

    public ChangedWindow union(ChangedWindow other) {
        if (isAll() || other.isAll()) {
            return ALL;
        }
        TreeSet<LocalDate> union = new TreeSet<>(dates);
        union.addAll(other.dates);
        return of(union);
    }

    /** True when every day of this window comes after {@code day} (an empty window does too). */
    public boolean isAfter(LocalDate day) {
        return !isAll() && (dates.isEmpty() || dates.first().isAfter(day));
    }

    /** Runs of consecutive days, as [first, last] pairs: what the SQL filters on. */
    public List<Range> ranges() {
        List<Range> ranges = new ArrayList<>();
        LocalDate start = null;
        LocalDate previous = null;
        for (LocalDate day : dates()) {
            if (previous != null && !day.equals(previous.plusDays(1))) {
                ranges.add(new Range(start, previous));
                start = null;
            }
            if (start == null) {
                start = day;
            }
            previous = day;
        }
        if (start != null) {
            ranges.add(new Range(start, previous));
        }
        return ranges;
    }

    /** A run of days, both ends included. */
    public record Range(LocalDate first, LocalDate last) {
    }

    @Override
    public String toString() {
        if (isAll()) {
            return "all days";
        }
        if (dates.isEmpty()) {
            return "no days";
        }
        List<String> parts = ranges().stream()
                .map(range -> range.first().equals(range.last()) ? range.first().toString()
                        : range.first() + ".." + range.last())
                .toList();
        return dates.size() + " day(s): " + (parts.size() <= 4 ? String.join(", ", parts)
                : String.join(", ", parts.subList(0, 3)) + ", ... " + parts.get(parts.size() - 1));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChangedWindow window && java.util.Objects.equals(dates, window.dates);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(dates);
    }
}
