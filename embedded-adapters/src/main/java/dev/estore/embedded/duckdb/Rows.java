package dev.estore.embedded.duckdb;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JDBC rows to plain maps, with DuckDB's naive UTC timestamps as {@link Instant}s. */
final class Rows {

    private Rows() {
    }

    static List<Map<String, Object>> toMaps(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<Map<String, Object>> result = new ArrayList<>();
        while (rows.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
                row.put(meta.getColumnLabel(column), value(rows, column));
            }
            result.add(row);
        }
        return result;
    }

    static Object value(ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        if (value instanceof Timestamp) {
            return instant(rows.getObject(column, LocalDateTime.class));
        }
        return value;
    }

    /** DuckDB TIMESTAMP columns hold UTC wall-clock times; read them without the JVM's time zone. */
    static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
