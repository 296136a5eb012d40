package dev.estore.semantic.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A query result as RFC 4180 CSV: a header of field names, then one line per row; NULL is an empty field. */
public final class CsvFormat {

    private CsvFormat() {
    }

    public static String write(QueryResult result) {
        StringBuilder csv = new StringBuilder();
        List<String> fields = result.columns().stream().map(CompiledQuery.OutputColumn::field).toList();
        csv.append(fields.stream().map(CsvFormat::quote).collect(Collectors.joining(","))).append("\r\n");
        for (Map<String, Object> row : result.rows()) {
            csv.append(fields.stream().map(field -> quote(text(row.get(field)))).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value.toString();
    }

    private static String quote(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
