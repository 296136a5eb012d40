package dev.estore.runner.reference;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compares expected and actual rows of one table by key, value by value, after normalizing what differs only in
 * representation: integers of any width, decimals of any scale, JDBC date/time types, doubles within 1e-9.
 */
public final class TableComparison {

    static final double TOLERANCE = 1e-9;

    private TableComparison() {
    }

    /** An empty string when the row sets agree; otherwise a readable report of the first few differences. */
    public static String differences(String table, List<String> keyColumns, List<Map<String, Object>> expected,
            List<Map<String, Object>> actual, int shown) {
        StringBuilder report = new StringBuilder();
        Map<String, Map<String, Object>> expectedByKey = byKey(table + " (reference)", keyColumns, expected, report);
        Map<String, Map<String, Object>> actualByKey = byKey(table + " (warehouse)", keyColumns, actual, report);

        List<String> missing = expectedByKey.keySet().stream().filter(key -> !actualByKey.containsKey(key)).toList();
        List<String> unexpected = actualByKey.keySet().stream().filter(key -> !expectedByKey.containsKey(key))
                .toList();
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> entry : expectedByKey.entrySet()) {
            Map<String, Object> other = actualByKey.get(entry.getKey());
            if (other != null && !columnDifferences(entry.getValue(), other).isEmpty()) {
                differing.add(entry.getKey());
            }
        }
        if (!missing.isEmpty()) {
            report.append(String.format("%d key(s) expected but missing in the warehouse, e.g.:%n", missing.size()));
            missing.stream().limit(shown).forEach(key -> report.append(String.format("  %s -> expected %s%n", key,
                    expectedByKey.get(key))));
        }
        if (!unexpected.isEmpty()) {
            report.append(String.format("%d key(s) in the warehouse but not expected, e.g.:%n", unexpected.size()));
            unexpected.stream().limit(shown).forEach(key -> report.append(String.format("  %s -> actual %s%n", key,
                    actualByKey.get(key))));
        }
        if (!differing.isEmpty()) {
            Map<String, Long> perColumn = new TreeMap<>();
            for (String key : differing) {
                columnDifferences(expectedByKey.get(key), actualByKey.get(key)).keySet()
                        .forEach(column -> perColumn.merge(column, 1L, Long::sum));
            }
            report.append(String.format("%d row(s) differ (differing rows per column: %s), e.g.:%n",
                    differing.size(), perColumn));
            differing.stream().limit(shown).forEach(key -> {
                report.append(String.format("  %s: %s%n", key,
                        columnDifferences(expectedByKey.get(key), actualByKey.get(key))));
                report.append(String.format("      expected %s%n      actual   %s%n", expectedByKey.get(key),
                        actualByKey.get(key)));
            });
        }
        return report.isEmpty() ? "" : table + ": " + expected.size() + " expected row(s), " + actual.size()
                + " actual row(s)\n" + report;
    }

    private static Map<String, Map<String, Object>> byKey(String label, List<String> keyColumns,
            List<Map<String, Object>> rows, StringBuilder report) {
        Map<String, Map<String, Object>> byKey = new TreeMap<>();
        int duplicates = 0;
        for (Map<String, Object> row : rows) {
            String key = keyColumns.stream().map(column -> String.valueOf(normalize(row.get(column))))
                    .collect(Collectors.joining(" | "));
            if (byKey.put(key, row) != null && duplicates++ < 5) {
                report.append(String.format("%s has the key %s more than once%n", label, key));
            }
        }
        return byKey;
    }

    /** Column -> "expected vs actual" for every column (of either row) whose values differ. */
    static Map<String, String> columnDifferences(Map<String, Object> expected, Map<String, Object> actual) {
        Map<String, String> differences = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>(expected.keySet());
        actual.keySet().stream().filter(column -> !expected.containsKey(column)).forEach(columns::add);
        for (String column : columns) {
            Object want = expected.get(column);
            Object got = actual.get(column);
            if (!same(want, got)) {
                differences.put(column, describe(want) + " vs " + describe(got));
            }
        }
        return differences;
    }

    static boolean same(Object expected, Object actual) {
        Object want = normalize(expected);
        Object got = normalize(actual);
        if (want == null || got == null) {
            return want == got;
        }
        if (want instanceof Number a && got instanceof Number b) {
            if (a instanceof Double || b instanceof Double) {
                return Math.abs(a.doubleValue() - b.doubleValue()) <= TOLERANCE;
            }
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return want.equals(got);
    }

    /** One representation per value: Long for integers, stripped BigDecimal, Double, LocalDate, Instant. */
    static Object normalize(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        if (value instanceof Float single) {
            return single.doubleValue();
        }
        if (value instanceof java.sql.Date sqlDate) {
            return sqlDate.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value;
    }

    private static String describe(Object value) {
        return value == null ? "NULL" : Objects.toString(value) + " (" + value.getClass().getSimpleName() + ")";
    }
}
