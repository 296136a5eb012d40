package dev.estore.snapshot.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A query parameter naming an instant of a snapshot's history. A date ({@code 2026-11-27}) means the END of that
 * day in UTC (its last microsecond), so the state after every run of that day; an ISO date-time
 * ({@code 2026-11-27T12:00:00.123456Z}, UTC when it has no offset) means that instant, e.g. a run time.
 */
public final class PointInTime {

    private PointInTime() {
    }

    /** The instant, or an IllegalArgumentException naming the parameter and the accepted forms. */
    public static Instant parse(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(parameter + " is required: a date (yyyy-mm-dd, meaning the end of "
                    + "that day, UTC) or an ISO date-time (2026-11-27T12:00:00Z)");
        }
        String text = value.trim();
        try {
            return inPortableRange(parameter, value, parsed(text));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(parameter + " '" + value + "' is neither a date (yyyy-mm-dd) nor an "
                    + "ISO date-time (2026-11-27T12:00:00Z)");
        }
    }

    private static Instant parsed(String text) {
        if (!text.contains("T")) {
            return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                    .minus(1, ChronoUnit.MICROS);
        }
        if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
            return OffsetDateTime.parse(text).toInstant();
        }
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }

    /** Years 1 to 9999, what every warehouse's TIMESTAMP holds. */
    private static Instant inPortableRange(String parameter, String value, Instant instant) {
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException(parameter + " '" + value + "' is out of range: give an instant "
                    + "between 0001-01-01 and 9999-12-31");
        }
        return instant;
    }
}
