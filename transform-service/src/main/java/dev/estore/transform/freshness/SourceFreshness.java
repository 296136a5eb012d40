package dev.estore.transform.freshness;

import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.project.Freshness;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * dbt's source freshness for the raw events, from the load ledger: how long since a file was last loaded (what the
 * thresholds judge: a pipeline that stops receiving files is stale) and the newest event it holds (shown: REES46
 * events are years old by design, so event age alone would always be an error).
 */
public final class SourceFreshness {

    public enum Status { PASS, WARN, ERROR }

    public record Report(String source, Status status, Instant newestLoad, Instant newestEvent,
            Duration sinceNewestLoad, Freshness thresholds, String message) {
    }

    private final Warehouse warehouse;

    public SourceFreshness(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public Report check(Freshness thresholds, Instant now) {
        String source = warehouse.relation("raw", "events");
        if (!warehouse.relationExists("raw", "loads")) {
            return new Report(source, Status.ERROR, null, null, null, thresholds, "nothing was ever loaded");
        }
        Map<String, Object> newest = warehouse.query("SELECT max(finished_at) AS newest_load, max(max_event_time) AS "
                + "newest_event FROM " + warehouse.relation("raw", "loads") + " WHERE status = 'LOADED'").get(0);
        Instant load = instant(newest.get("newest_load"));
        Instant event = instant(newest.get("newest_event"));
        if (load == null) {
            return new Report(source, Status.ERROR, null, null, null, thresholds, "nothing was ever loaded");
        }
        Duration age = Duration.between(load, now);
        Status status = thresholds.errorAfter() != null && age.compareTo(thresholds.errorAfter()) > 0 ? Status.ERROR
                : thresholds.warnAfter() != null && age.compareTo(thresholds.warnAfter()) > 0 ? Status.WARN
                : Status.PASS;
        String message = "last load " + words(age) + " ago" + switch (status) {
            case PASS -> "";
            case WARN -> ", over warn_after " + words(thresholds.warnAfter());
            case ERROR -> ", over error_after " + words(thresholds.errorAfter());
        } + "; newest event " + event;
        return new Report(source, status, load, event, age, thresholds, message);
    }

    static String words(Duration duration) {
        if (duration.toDays() >= 1) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toHours() >= 1) {
            return plural(duration.toHours(), "hour");
        }
        return plural(Math.max(0, duration.toMinutes()), "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        return LocalDateTime.parse(value.toString().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
