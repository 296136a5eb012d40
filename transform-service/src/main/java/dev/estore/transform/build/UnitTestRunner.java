package dev.estore.transform.build;

import dev.estore.shared.ports.Warehouse;
import dev.estore.shared.ports.Warehouse.ColumnInfo;
import dev.estore.transform.project.DataTestSpec;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import dev.estore.transform.project.UnitTest;
import dev.estore.transform.quality.TestResult;
import dev.estore.transform.sql.SqlTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs dbt-style unit tests on either warehouse, inside one transaction that is always rolled back
 * ({@link Warehouse#inRolledBackTransaction}; a session on BigQuery): each given input becomes a temporary table
 * typed like the model it stands for (its published table's columns; text where it has none), the model's
 * full-build SQL reads those instead, and the rows it returns are compared with the expected ones on the columns
 * these name ({@link ExpectedRows}). No table of the warehouse is read or changed.
 */
final class UnitTestRunner {

    private final ModelProject project;
    private final Warehouse warehouse;
    private final ModelContext context;

    UnitTestRunner(ModelProject project, Warehouse warehouse, ModelContext context) {
        this.project = project;
        this.warehouse = warehouse;
        this.context = context;
    }

    TestResult run(UnitTest test) {
        String label = "unit(" + test.model() + "." + test.name() + ")";
        ModelDefinition model = project.model(test.model());
        String sql = new SqlTemplate(model.path(), model.sql()).render(new RefMarkers(context));
        Set<String> missing = new LinkedHashSet<>(model.upstream());
        missing.removeAll(test.given().keySet());
        if (!missing.isEmpty()) {
            return failed(label, test, "give rows for every model it reads; missing: " + missing);
        }
        try {
            return warehouse.inRolledBackTransaction(transaction -> {
                for (Map.Entry<String, List<Map<String, String>>> input : test.given().entrySet()) {
                    String table = "unit_input_" + input.getKey();
                    Map<String, String> columns = columnsFor(input.getKey(), input.getValue());
                    transaction.execute("CREATE TEMP TABLE " + table + " (" + columns.entrySet().stream()
                            .map(column -> column.getKey() + " " + column.getValue()).collect(Collectors.joining(", "))
                            + ")");
                    insert(transaction, table, columns, input.getValue());
                }
                String resolved = sql;
                for (String input : test.given().keySet()) {
                    resolved = resolved.replace(DataTestSpec.refMarker(input), "unit_input_" + input);
                }
                Set<String> compared = new LinkedHashSet<>();
                test.expect().forEach(row -> compared.addAll(row.keySet()));
                if (compared.isEmpty()) {
                    return failed(label, test, "expect names no column to compare");
                }
                List<Map<String, Object>> returned;
                try {
                    returned = transaction.query("SELECT " + String.join(", ", compared) + " FROM (" + resolved
                            + ") AS actual");
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("the model does not return the expected columns " + compared
                            + ": " + e.getMessage(), e);
                }
                ExpectedRows.Difference difference = ExpectedRows.compare(returned, test.expect(), compared);
                List<Map<String, Object>> samples = new ArrayList<>();
                difference.unexpected().stream().limit(3)
                        .forEach(row -> samples.add(Map.of("returned but not expected", row)));
                difference.absent().stream().limit(3)
                        .forEach(row -> samples.add(Map.of("expected but not returned", row)));
                return new TestResult(label, test.model(), null, difference.none(),
                        difference.unexpected().size() + difference.absent().size(), samples);
            });
        } catch (RuntimeException e) {
            return failed(label, test, e.getMessage());
        }
    }

    /** The input's columns: those of the model's published table, else text for each column the rows name. */
    private Map<String, String> columnsFor(String input, List<Map<String, String>> rows) {
        Map<String, String> columns = new LinkedHashMap<>();
        ModelDefinition model = project.model(input);
        for (ColumnInfo column : warehouse.describeColumns(model.schema(), input)) {
            columns.put(column.name(), column.engineType());
        }
        String text = warehouse.dialect().typeOf(Warehouse.ValueKind.TEXT);
        rows.forEach(row -> row.keySet().forEach(column -> columns.putIfAbsent(column, text)));
        return columns;
    }

    private static void insert(Warehouse.Transaction transaction, String table, Map<String, String> columns,
            List<Map<String, String>> rows) {
        for (Map<String, String> row : rows) {
            List<String> names = new ArrayList<>(row.keySet());
            if (names.isEmpty()) {
                continue;
            }
            transaction.execute("INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + names.stream().map(name -> "CAST(? AS " + columns.get(name) + ")")
                            .collect(Collectors.joining(", ")) + ")", names.stream().map(row::get).toArray());
        }
    }

    private static TestResult failed(String label, UnitTest test, String why) {
        return new TestResult(label, test.model(), null, false, 0, List.of(Map.of("error", why)));
    }
}
