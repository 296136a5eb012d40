package dev.estore.shared.ports;

import java.util.List;

/**
 * The few places where DuckDB and BigQuery SQL differ, so one model file serves both. Each method returns an SQL
 * expression for the engine; arguments are SQL expressions too.
 */
public interface SqlDialect {

    String name();

    /** Whole days from {@code start} to {@code end} (both DATE): end - start. */
    String dateDiffDays(String start, String end);

    /** Whole seconds from {@code start} to {@code end} (both TIMESTAMP): end - start. */
    String secondsBetween(String start, String end);

    /** Integer division of two integers, truncating. */
    String intDiv(String numerator, String denominator);

    /** The expression as a 64-bit integer. */
    String toInt(String expression);

    /** An exact money amount (two decimals) from a whole number of cents. */
    String centsToMoney(String cents);

    /** NULL when the divisor is zero or NULL. */
    String safeDivide(String numerator, String denominator);

    /** The n-th (1-based) part of a string split on a delimiter literal; NULL when absent. */
    String splitPart(String text, String delimiterLiteral, int part);

    /** First day of the month of a DATE. */
    String monthStart(String date);

    /** Lower-case hex MD5 of the string. */
    String md5Hex(String text);

    /**
     * The string's MD5 as the engine's narrowest exact 128-bit value (a number on DuckDB, 16 bytes on BigQuery): a key
     * to join on that reads a fixed 16 bytes per row, where the string it stands for is longer and compressed.
     */
    String hashKey(String text);

    /** The expression cast to the engine's string type. */
    String toText(String expression);

    /** Concatenation of the expressions as text with a separator, NULLs as empty strings (a surrogate key input). */
    default String concatKey(List<String> expressions) {
        return String.join(" || '|' || ",
                expressions.stream().map(e -> "coalesce(" + toText(e) + ", '')").toList());
    }

    /**
     * Replaces a table with a query's result in one statement. {@code partitionField} and {@code clusterBy}
     * are layout hints (BigQuery partitioning and clustering); engines without them ignore them.
     */
    default String createOrReplaceTable(String relation, String select, String partitionField,
            List<String> clusterBy) {
        return createOrReplaceTable(relation, select, partitionField, clusterBy, true);
    }

    /**
     * As above; {@code sortRows} false writes the rows in the order the query returns them (for rows that already
     * come in layout order: an engine that sorts for its layout would sort for nothing).
     */
    default String createOrReplaceTable(String relation, String select, String partitionField,
            List<String> clusterBy, boolean sortRows) {
        return "CREATE OR REPLACE TABLE " + relation + " AS\n"
                + (sortRows ? orderedForLayout(select, partitionField, clusterBy) : select);
    }

    /** Creates (or replaces) a {@link Warehouse#stagingRelation} holding the query's rows. */
    default String createStagingTable(String relation, String select) {
        return createOrReplaceTable(relation, select, null, List.of());
    }

    /**
     * The SELECT as rows should be written for this layout. An engine that partitions and clusters by itself
     * (BigQuery) returns it unchanged; one that keeps rows in the order they come (DuckDB) sorts them by the
     * partition column, so min/max row-group pruning works, and keeps equal cluster values together, so they
     * compress.
     */
    default String orderedForLayout(String select, String partitionField, List<String> clusterBy) {
        return select;
    }

    /**
     * What follows {@code AS} in a common table expression to compute it for each reference instead of storing its
     * rows once. Storing is DuckDB's choice for one referenced twice, and costs more than reading a table twice
     * when the rows are many; BigQuery computes each reference anyway and has no such keyword.
     */
    default String cteNotMaterialized() {
        return "";
    }

    /**
     * A condition that is there only to skip partitions, in a query that is right without it: BigQuery reads and
     * bills only the partitions it keeps. DuckDB has no partitions, and its estimate of a range condition (a fixed
     * fifth of the rows) can put the big side of a join into the hash table, so it gets {@code true} there.
     */
    default String partitionPruning(String condition) {
        return "(" + condition + ")";
    }

    default String createOrReplaceView(String relation, String select) {
        return "CREATE OR REPLACE VIEW " + relation + " AS\n" + select;
    }

    /** The engine's column type for a portable kind of value (DDL of the ops and raw tables). */
    String typeOf(Warehouse.ValueKind kind);

    /** A DATE literal from ISO text (yyyy-mm-dd). */
    /** A text constant: standard SQL doubles a quote inside it. */
    default String textLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    default String dateLiteral(String isoDate) {
        return "DATE '" + isoDate.replace("'", "") + "'";
    }

    /** A TIMESTAMP literal (UTC) of midnight at the start of an ISO date (yyyy-mm-dd). */
    default String timestampLiteral(String isoDate) {
        return timestampLiteral(isoDate, "00:00:00");
    }

    /** A TIMESTAMP constant (UTC) for a date and a time of day {@code HH:mm:ss}. */
    default String timestampLiteral(String isoDate, String time) {
        return "TIMESTAMP '" + isoDate.replace("'", "") + " " + time.replace("'", "") + "'";
    }
}
