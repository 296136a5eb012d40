package dev.estore.transform.build;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A unit test's expected rows against the rows the model returned, as a multiset on the compared columns (a row
 * expected twice must come twice). Compared in Java, value by value in the returned column's type, as dbt compares
 * unit-test results: the same on every warehouse (BigQuery has no EXCEPT ALL), and {@code 9.5} equals a
 * DECIMAL 9.50, {@code "2019-10-01 10:00:00"} a timestamp at that UTC time.
 */
final class ExpectedRows {

    /** Returned rows no expected row matched, and expected rows no returned row matched. */
    record Difference(List<Map<String, Object>> unexpected, List<Map<String, String>> absent) {

        boolean none() {
            return unexpected.isEmpty() && absent.isEmpty();
        }
    }

    private ExpectedRows() {
    }

    static Difference compare(List<Map<String, Object>> returned, List<Map<String, String>> expected,
            Set<String> columns) {
        List<Map<String, Object>> unmatched = new ArrayList<>(returned);
        List<Map<String, String>> absent = new ArrayList<>();
        for (Map<String, String> row : expected) {
            Map<String, Object> match = unmatched.stream().filter(candidate -> matches(candidate, row, columns))
                    .findFirst().orElse(null);
            if (match == null) {
                absent.add(row);
            } else {
                unmatched.remove(match);
            }
        }
        List<Map<String, Object>> unexpected = unmatched.stream().map(row -> {
            Map<String, Object> compared = new LinkedHashMap<>();
            columns.forEach(column -> compared.put(column, row.get(column)));
            return compared;
        }).toList();
        return new Difference(unexpected, absent);
    }

    private static boolean matches(Map<String, Object> returned, Map<String, String> expected, Set<String> columns) {
        return columns.stream().allMatch(column -> same(returned.get(column), expected.get(column)));
    }

    /** Whether a returned value equals the expected text read as the returned value's type. */
    static boolean same(Object returned, String expected) {
        if (returned == null || expected == null) {
            return returned == null && expected == null;
        }
        String text = expected.trim();
        try {
            if (returned instanceof Number number) {
                return new BigDecimal(number.toString()).compareTo(new BigDecimal(text)) == 0;
            }
            if (returned instanceof Boolean bool) {
                return bool.toString().equalsIgnoreCase(text) || (bool ? "1" : "0").equals(text)
                        || (bool ? "t" : "f").equalsIgnoreCase(text);
            }
            if (returned instanceof LocalDate date) {
                return date.equals(LocalDate.parse(text));
            }
            if (returned instanceof Instant instant) {
                return instant.equals(utcInstant(text));
            }
            if (returned instanceof OffsetDateTime time) {
                return time.toInstant().equals(utcInstant(text));
            }
            if (returned instanceof LocalDateTime time) {
                return time.equals(LocalDateTime.parse(isoLocal(text)));
            }
        } catch (NumberFormatException | DateTimeParseException notThatType) {
            return false;
        }
        // BigQuery returns DATETIME and TIME as ISO text: "2019-10-01T10:00:00" for an expected "2019-10-01 10:00:00"
        return returned.toString().equals(expected) || (text.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:.*")
                && returned.toString().equals(text.replaceFirst(" ", "T")));
    }

    /** "2019-10-01 10:00:00", "... UTC", "2019-10-01T10:00:00Z" or "+02:00": a time, UTC unless it says otherwise. */
    private static Instant utcInstant(String text) {
        String iso = isoLocal(text.endsWith(" UTC") ? text.substring(0, text.length() - 4) : text);
        if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(iso).toInstant();
        }
        return LocalDateTime.parse(iso).toInstant(java.time.ZoneOffset.UTC);
    }

    private static String isoLocal(String text) {
        String iso = text.replaceFirst(" ", "T");
        return iso.length() == 10 ? iso + "T00:00:00" : iso;
    }
}
