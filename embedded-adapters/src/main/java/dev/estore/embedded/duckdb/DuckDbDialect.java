package dev.estore.embedded.duckdb;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;
import java.util.ArrayList;
import java.util.List;

/** DuckDB's spelling of the engine-specific expressions. */
public final class DuckDbDialect implements SqlDialect {

    /** See {@link DuckDbWarehouse#stagingRelation}. */
    @Override
    public String createStagingTable(String relation, String select) {
        return "CREATE OR REPLACE TEMP TABLE " + relation + " AS\n" + select;
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String dateDiffDays(String start, String end) {
        return "date_diff('day', " + start + ", " + end + ")";
    }

    @Override
    public String secondsBetween(String start, String end) {
        return "date_diff('second', " + start + ", " + end + ")";
    }

    @Override
    public String intDiv(String numerator, String denominator) {
        return "((" + numerator + ") // (" + denominator + "))";
    }

    @Override
    public String toInt(String expression) {
        return "CAST(" + expression + " AS BIGINT)";
    }

    /** Multiplying by 0.01 keeps DuckDB in exact DECIMAL arithmetic; dividing would give a DOUBLE. */
    @Override
    public String centsToMoney(String cents) {
        return "CAST(CAST(" + cents + " AS DECIMAL(38, 0)) * 0.01 AS DECIMAL(18, 2))";
    }

    @Override
    public String safeDivide(String numerator, String denominator) {
        return "(" + numerator + ") / nullif(" + denominator + ", 0)";
    }

    @Override
    public String splitPart(String text, String delimiterLiteral, int part) {
        return "nullif(split_part(" + text + ", " + delimiterLiteral + ", " + part + "), '')";
    }

    @Override
    public String monthStart(String date) {
        return "CAST(date_trunc('month', " + date + ") AS DATE)";
    }

    @Override
    public String md5Hex(String text) {
        return "md5(" + text + ")";
    }

    @Override
    public String hashKey(String text) {
        return "md5_number(" + text + ")";
    }

    @Override
    public String toText(String expression) {
        return "CAST(" + expression + " AS VARCHAR)";
    }

    @Override
    public String cteNotMaterialized() {
        return "NOT MATERIALIZED";
    }

    @Override
    public String partitionPruning(String condition) {
        return "true";
    }

    @Override
    public String typeOf(Warehouse.ValueKind kind) {
        return switch (kind) {
            case INTEGER -> "BIGINT";
            case DECIMAL -> "DECIMAL(18, 2)";
            case FLOAT -> "DOUBLE";
            case TEXT, OTHER -> "VARCHAR";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
        };
    }

    /**
     * DuckDB keeps rows in insertion order: sorted by the partition column, a date range prunes row groups; within
     * a partition, rows with equal cluster values are kept together, which is what compresses them, by sorting on
     * the cluster columns' hash. That is an integer sort instead of a text one: the same file size, and a third
     * less time to write a month of stg_events_deduped (1.3 s instead of 1.9 s for 1.4M rows), but no min/max
     * pruning on the cluster columns (a filter on one user_id reads every row group of the days it reads).
     */
    @Override
    public String orderedForLayout(String select, String partitionField, List<String> clusterBy) {
        List<String> order = new ArrayList<>();
        if (partitionField != null) {
            order.add(partitionField);
        }
        if (clusterBy != null && !clusterBy.isEmpty()) {
            order.add("hash(" + String.join(", ", clusterBy) + ")");
        }
        return order.isEmpty() ? select
                : "SELECT * FROM (\n" + select + "\n) AS laid_out ORDER BY " + String.join(", ", order);
    }
}
