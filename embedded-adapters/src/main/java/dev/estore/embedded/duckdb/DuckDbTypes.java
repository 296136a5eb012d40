package dev.estore.embedded.duckdb;

import dev.estore.shared.ports.Warehouse.ValueKind;
import java.util.Locale;

/** DuckDB's type names (as duckdb_columns() spells them) to the portable kinds of the warehouse port. */
final class DuckDbTypes {

    private DuckDbTypes() {
    }

    static ValueKind kindOf(String dataType) {
        if (dataType == null) {
            return ValueKind.OTHER;
        }
        String type = dataType.toUpperCase(Locale.ROOT);
        if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
            return ValueKind.DECIMAL;
        }
        if (type.startsWith("TIMESTAMP")) {
            return ValueKind.TIMESTAMP;
        }
        return switch (type) {
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                    "UBIGINT", "UHUGEINT" -> ValueKind.INTEGER;
            case "FLOAT", "REAL", "DOUBLE" -> ValueKind.FLOAT;
            case "VARCHAR", "UUID" -> ValueKind.TEXT;
            case "BOOLEAN" -> ValueKind.BOOLEAN;
            case "DATE" -> ValueKind.DATE;
            default -> ValueKind.OTHER;
        };
    }
}
