package dev.estore.snapshot.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * An instant as warehouse SQL: {@code CAST('2026-11-27 12:00:00.123456' AS TIMESTAMP)}, a UTC time that DuckDB
 * and BigQuery read alike. Microseconds are the precision both keep, so the instant is cut to them first and the
 * value written is the value read back.
 */
public record TimestampLiteral(Instant instant) {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    public TimestampLiteral {
        instant = instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static TimestampLiteral of(Instant instant) {
        return new TimestampLiteral(instant);
    }

    /** The fixed-width UTC text, e.g. {@code 2026-11-27 12:00:00.123456}; it sorts as the instants do. */
    public String text() {
        return TEXT.format(instant);
    }

    /** The text as an SQL string literal (hash input: identical on every engine). */
    public String quoted() {
        return "'" + text() + "'";
    }

    public String sql() {
        return "CAST(" + quoted() + " AS TIMESTAMP)";
    }

    @Override
    public String toString() {
        return text();
    }
}
