package dev.estore.embedded.duckdb;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;

/** DuckDB's spelling of the engine-specific expressions. */
public final class DuckDbDialect implements SqlDialect {

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
    public String toText(String expression) {
        return "CAST(" + expression + " AS VARCHAR)";
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

    /** DuckDB's type names (information_schema data_type) as portable kinds. */
    static Warehouse.ValueKind kindOf(String type) {
        String upper = type.toUpperCase(java.util.Locale.ROOT);
        if (upper.matches("(BIG|SMALL|TINY|U?HUGE|U)?INT(EGER)?\\d*|U(BIG|SMALL|TINY)INT")) {
            return Warehouse.ValueKind.INTEGER;
        }
        if (upper.startsWith("DECIMAL") || upper.startsWith("NUMERIC")) {
            return Warehouse.ValueKind.DECIMAL;
        }
        if (upper.equals("DOUBLE") || upper.equals("FLOAT") || upper.equals("REAL")) {
            return Warehouse.ValueKind.FLOAT;
        }
        if (upper.equals("VARCHAR") || upper.equals("UUID")) {
            return Warehouse.ValueKind.TEXT;
        }
        if (upper.equals("BOOLEAN")) {
            return Warehouse.ValueKind.BOOLEAN;
        }
        if (upper.equals("DATE")) {
            return Warehouse.ValueKind.DATE;
        }
        if (upper.startsWith("TIMESTAMP")) {
            return Warehouse.ValueKind.TIMESTAMP;
        }
        return Warehouse.ValueKind.OTHER;
    }
}
