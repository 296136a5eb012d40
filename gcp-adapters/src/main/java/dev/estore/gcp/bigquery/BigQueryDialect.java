package dev.estore.gcp.bigquery;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;
import java.util.List;

/** BigQuery's spelling of the engine-specific expressions (GoogleSQL). */
public final class BigQueryDialect implements SqlDialect {

    @Override
    public String name() {
        return "bigquery";
    }

    @Override
    public String dateDiffDays(String start, String end) {
        return "DATE_DIFF(" + end + ", " + start + ", DAY)";
    }

    @Override
    public String secondsBetween(String start, String end) {
        return "TIMESTAMP_DIFF(" + end + ", " + start + ", SECOND)";
    }

    @Override
    public String intDiv(String numerator, String denominator) {
        return "DIV(" + numerator + ", " + denominator + ")";
    }

    @Override
    public String toInt(String expression) {
        return "CAST(" + expression + " AS INT64)";
    }

    /** NUMERIC keeps nine decimals, so dividing whole cents by 100 is exact. */
    @Override
    public String centsToMoney(String cents) {
        return "CAST(CAST(" + cents + " AS NUMERIC) / 100 AS NUMERIC)";
    }

    @Override
    public String safeDivide(String numerator, String denominator) {
        return "SAFE_DIVIDE(" + numerator + ", " + denominator + ")";
    }

    @Override
    public String splitPart(String text, String delimiterLiteral, int part) {
        return "NULLIF(SPLIT(" + text + ", " + delimiterLiteral + ")[SAFE_OFFSET(" + (part - 1) + ")], '')";
    }

    @Override
    public String monthStart(String date) {
        return "DATE_TRUNC(" + date + ", MONTH)";
    }

    @Override
    public String md5Hex(String text) {
        return "TO_HEX(MD5(" + text + "))";
    }

    @Override
    public String hashKey(String text) {
        return "MD5(" + text + ")";
    }

    @Override
    public String toText(String expression) {
        return "CAST(" + expression + " AS STRING)";
    }

    @Override
    public String typeOf(Warehouse.ValueKind kind) {
        return switch (kind) {
            case INTEGER -> "INT64";
            case DECIMAL -> "NUMERIC";
            case FLOAT -> "FLOAT64";
            case TEXT, OTHER -> "STRING";
            case BOOLEAN -> "BOOL";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
        };
    }

    /**
     * Partitioned by the model's DATE column (one partition per day) and clustered as its metadata says, so
     * incremental builds and filters on the partition touch only the days they need. BigQuery lays rows out
     * itself, so {@code sortRows} changes nothing.
     */
    @Override
    public String createOrReplaceTable(String relation, String select, String partitionField,
            List<String> clusterBy, boolean sortRows) {
        return "CREATE OR REPLACE TABLE " + relation
                + (partitionField == null ? "" : "\nPARTITION BY " + partitionField)
                + (clusterBy == null || clusterBy.isEmpty() ? "" : "\nCLUSTER BY " + String.join(", ", clusterBy))
                + " AS\n" + select;
    }

    /** Replaces a table by a copy of another, in one atomic step (metadata only: no query cost). */
    public String replaceTableByCopy(String relation, String source) {
        return "CREATE OR REPLACE TABLE " + relation + " COPY " + source;
    }

    /**
     * Replaces a table by some rows of another, keeping the other's partitioning, clustering and options (the
     * query reads only the partitions {@code rows} names).
     */
    public String replaceTableByRowsOf(String relation, String source, String rows) {
        return "CREATE OR REPLACE TABLE " + relation + " LIKE " + source + " AS\nSELECT * FROM " + source + " WHERE "
                + rows;
    }

    /** GoogleSQL escapes with a backslash, not by doubling a quote. */
    @Override
    public String textLiteral(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    /** BigQuery's type names (INFORMATION_SCHEMA / table schema) as portable kinds. */
    public static Warehouse.ValueKind kindOf(String type) {
        return switch (type.toUpperCase(java.util.Locale.ROOT).replaceAll("\\(.*", "")) {
            case "INT64", "INTEGER" -> Warehouse.ValueKind.INTEGER;
            case "NUMERIC", "BIGNUMERIC", "DECIMAL", "BIGDECIMAL" -> Warehouse.ValueKind.DECIMAL;
            case "FLOAT64", "FLOAT" -> Warehouse.ValueKind.FLOAT;
            case "STRING" -> Warehouse.ValueKind.TEXT;
            case "BOOL", "BOOLEAN" -> Warehouse.ValueKind.BOOLEAN;
            case "DATE" -> Warehouse.ValueKind.DATE;
            case "TIMESTAMP" -> Warehouse.ValueKind.TIMESTAMP;
            default -> Warehouse.ValueKind.OTHER;
        };
    }
}
