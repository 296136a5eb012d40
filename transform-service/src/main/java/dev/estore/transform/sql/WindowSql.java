package dev.estore.transform.sql;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.transform.window.ChangedWindow;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The filters of a changed window: one comparison per run of consecutive days, on constants, so BigQuery prunes
 * partitions and DuckDB skips row groups by their min/max. A full build's window is every day ({@code true}).
 */
public final class WindowSql {

    private WindowSql() {
    }

    /** Rows whose DATE expression falls on a day of the window. */
    public static String dates(ChangedWindow window, String date, SqlDialect dialect) {
        return of(window, range -> range.first().equals(range.last())
                ? date + " = " + dialect.dateLiteral(range.first().toString())
                : date + " BETWEEN " + dialect.dateLiteral(range.first().toString()) + " AND "
                        + dialect.dateLiteral(range.last().toString()));
    }

    /** Rows whose TIMESTAMP expression (UTC) falls on a day of the window. */
    public static String timestamps(ChangedWindow window, String timestamp, SqlDialect dialect) {
        return of(window, range -> timestamp + " >= " + dialect.timestampLiteral(range.first().toString())
                + " AND " + timestamp + " < " + dialect.timestampLiteral(range.last().plusDays(1).toString()));
    }

    /** Rows whose span of days [first, last] touches a day of the window. */
    public static String overlaps(ChangedWindow window, String first, String last, SqlDialect dialect) {
        return of(window, range -> first + " <= " + dialect.dateLiteral(range.last().toString()) + " AND " + last
                + " >= " + dialect.dateLiteral(range.first().toString()));
    }

    private static String of(ChangedWindow window, java.util.function.Function<ChangedWindow.Range, String> range) {
        if (window.isAll()) {
            return "true";
        }
        List<ChangedWindow.Range> ranges = window.ranges();
        if (ranges.isEmpty()) {
            return "false";
        }
        return ranges.stream().map(r -> "(" + range.apply(r) + ")")
                .collect(Collectors.joining(" OR ", ranges.size() > 1 ? "(" : "", ranges.size() > 1 ? ")" : ""));
    }
}
