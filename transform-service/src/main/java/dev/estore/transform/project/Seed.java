package dev.estore.transform.project;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse.ValueKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * dbt's seed: a small CSV file of the project ({@code seeds/NAME.csv}, a header then rows) built as the table
 * {@code seeds.NAME} and read with {@code ref('NAME')} like a model. Each column's type is what all its values are:
 * integer, decimal, date (yyyy-mm-dd), else text; an empty value is NULL.
 */
public record Seed(String name, String path, List<String> columns, List<List<String>> rows) {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public static Seed read(String name, String path, String csv) {
        List<List<String>> lines = new ArrayList<>();
        try (MappingIterator<List<String>> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerForListOf(String.class).readValues(csv)) {
            rows.forEachRemaining(lines::add);
        } catch (IOException | RuntimeException e) {
            throw new ProjectException(path + ": not a CSV file: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
            throw new ProjectException(path + ": a seed starts with a header line naming its columns");
        }
        List<String> columns = lines.get(0).stream().map(String::strip).toList();
        List<List<String>> rows = lines.subList(1, lines.size()).stream()
                .filter(row -> !(row.size() == 1 && row.get(0).isBlank())).toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != columns.size()) {
                throw new ProjectException(path + ": line " + (i + 2) + " has " + rows.get(i).size() + " value(s), "
                        + "the header " + columns.size());
            }
        }
        return new Seed(name, path, columns, rows);
    }

    /** The rows as one SELECT of constants (UNION ALL), typed per column, in the dialect's literals. */
    public String select(SqlDialect dialect) {
        List<ValueKind> kinds = new ArrayList<>();
        for (int column = 0; column < columns.size(); column++) {
            kinds.add(kindOf(column));
        }
        List<String> selects = new ArrayList<>();
        if (rows.isEmpty()) {
            return "SELECT " + String.join(", ", columns.stream().map(column -> "CAST(NULL AS "
                    + dialect.typeOf(ValueKind.TEXT) + ") AS " + column).toList()) + " LIMIT 0";
        }
        for (List<String> row : rows) {
            List<String> values = new ArrayList<>();
            for (int column = 0; column < columns.size(); column++) {
                values.add("CAST(" + literal(row.get(column), kinds.get(column), dialect) + " AS "
                        + dialect.typeOf(kinds.get(column)) + ")" + (selects.isEmpty() ? " AS " + columns.get(column)
                                : ""));
            }
            selects.add("SELECT " + String.join(", ", values));
        }
        return String.join("\nUNION ALL ", selects);
    }

    private ValueKind kindOf(int column) {
        List<String> values = rows.stream().map(row -> row.get(column)).filter(value -> !value.isEmpty()).toList();
        if (values.isEmpty()) {
            return ValueKind.TEXT;
        }
        if (values.stream().allMatch(value -> INTEGER.matcher(value).matches())) {
            return ValueKind.INTEGER;
        }
        if (values.stream().allMatch(value -> INTEGER.matcher(value).matches() || DECIMAL.matcher(value).matches())) {
            return ValueKind.FLOAT;
        }
        return values.stream().allMatch(value -> DATE.matcher(value).matches()) ? ValueKind.DATE : ValueKind.TEXT;
    }

    private static String literal(String value, ValueKind kind, SqlDialect dialect) {
        if (value.isEmpty()) {
            return "NULL";
        }
        return switch (kind) {
            case INTEGER, FLOAT -> value;
            case DATE -> dialect.dateLiteral(value);
            default -> dialect.textLiteral(value);
        };
    }
}
