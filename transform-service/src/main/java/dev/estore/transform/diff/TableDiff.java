package dev.estore.transform.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SQLMesh's table diff of one model in two places (two environments, two warehouse files): row counts, keys only
 * in one of them, and for the keys in both, how many rows differ in each column, with a few sample keys. Plain SQL
 * over the two relations (IS DISTINCT FROM, EXCEPT DISTINCT), so it runs on DuckDB and on BigQuery alike.
 */
public final class TableDiff {

    static final int SAMPLES = 5;

    private final Function<String, List<Map<String, Object>>> query;

    /** {@code query}: runs one SELECT and returns its rows, on a connection that sees both relations. */
    public TableDiff(Function<String, List<Map<String, Object>>> query) {
        this.query = query;
    }

    /** A column that differs on {@code rows} keys present on both sides, e.g. those in {@code sampleKeys}. */
    public record ColumnDifference(String column, long rows, List<Map<String, Object>> sampleKeys) {
    }

    public record Report(String left, String right, List<String> key, long leftRows, long rightRows,
            long onlyLeft, List<Map<String, Object>> onlyLeftSamples, long onlyRight,
            List<Map<String, Object>> onlyRightSamples, long matchedKeys, List<ColumnDifference> columns) {

        public boolean same() {
            return leftRows == rightRows && onlyLeft == 0 && onlyRight == 0
                    && columns.stream().allMatch(column -> column.rows() == 0);
        }
    }

    /** Compares {@code left} and {@code right} (relations as SQL names) on {@code key}, over {@code columns}. */
    public Report compare(String left, String right, List<String> key, List<String> columns) {
        String keyList = String.join(", ", key);
        long leftRows = count("SELECT count(*) AS n FROM " + left);
        long rightRows = count("SELECT count(*) AS n FROM " + right);
        String onlyLeft = "SELECT " + keyList + " FROM " + left + " EXCEPT DISTINCT SELECT " + keyList + " FROM " + right;
        String onlyRight = "SELECT " + keyList + " FROM " + right + " EXCEPT DISTINCT SELECT " + keyList + " FROM " + left;
        String on = key.stream().map(column -> "l." + column + " = r." + column).collect(Collectors.joining(" AND "));
        List<String> compared = columns.stream().filter(column -> !key.contains(column)).toList();
        Map<String, Long> differing = new LinkedHashMap<>();
        long matched = 0;
        StringBuilder sums = new StringBuilder("SELECT count(*) AS matched");
        for (int i = 0; i < compared.size(); i++) {
            sums.append(", sum(CASE WHEN l.").append(compared.get(i)).append(" IS DISTINCT FROM r.")
                    .append(compared.get(i)).append(" THEN 1 ELSE 0 END) AS d").append(i);
        }
        Map<String, Object> totals = query.apply(sums + " FROM " + left + " AS l JOIN " + right + " AS r ON " + on)
                .get(0);
        matched = number(totals.get("matched"));
        for (int i = 0; i < compared.size(); i++) {
            differing.put(compared.get(i), number(totals.get("d" + i)));
        }
        List<ColumnDifference> differences = new ArrayList<>();
        differing.forEach((column, rows) -> differences.add(new ColumnDifference(column, rows, rows == 0 ? List.of()
                : query.apply("SELECT " + key.stream().map(part -> "l." + part).collect(Collectors.joining(", "))
                        + " FROM " + left + " AS l JOIN " + right + " AS r ON " + on + " WHERE l." + column
                        + " IS DISTINCT FROM r." + column + " ORDER BY " + key.stream().map(part -> "l." + part)
                                .collect(Collectors.joining(", ")) + " LIMIT " + SAMPLES))));
        return new Report(left, right, List.copyOf(key), leftRows, rightRows,
                count("SELECT count(*) AS n FROM (" + onlyLeft + ") AS only_left"),
                query.apply("SELECT * FROM (" + onlyLeft + ") AS only_left ORDER BY " + keyList + " LIMIT " + SAMPLES),
                count("SELECT count(*) AS n FROM (" + onlyRight + ") AS only_right"),
                query.apply("SELECT * FROM (" + onlyRight + ") AS only_right ORDER BY " + keyList + " LIMIT " + SAMPLES),
                matched, differences);
    }

    private long count(String sql) {
        return number(query.apply(sql).get(0).get("n"));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
