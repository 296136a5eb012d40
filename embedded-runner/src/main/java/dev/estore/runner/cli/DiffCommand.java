package dev.estore.runner.cli;

import dev.estore.embedded.duckdb.DuckDbConfig;
import dev.estore.transform.cli.DiffOptions;
import dev.estore.transform.cli.DiffReport;
import dev.estore.transform.diff.TableDiff;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** SQLMesh's table diff: one model in two warehouse files, compared by its key. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare one model's table in two warehouse files (e.g. a copy built from a branch against "
                + "production's): row counts, keys only in one of them, and for the keys in both the number of rows "
                + "that differ in each column, with sample keys. Both files are opened read-only. Exit code 0 when "
                + "the tables are the same, 1 when they differ, 2 on bad usage.", "", "Example:",
                "  ./estore diff --select fct_sessions --warehouse dev.duckdb --against data/warehouse.duckdb",
                "  ./estore diff --select fct_sessions --target dev   (marts_dev.fct_sessions against marts's)"})
public class DiffCommand implements Callable<Integer> {

    @Mixin
    DiffOptions options;

    @Option(names = "--warehouse", description = "The left file (default: estore.warehouse.duckdb.path).")
    Path left;

    @Option(names = "--against", description = "The right file (default: the same file, with --target).")
    Path right;

    @Option(names = {"-t", "--target"}, description = "Compare the model built into this target (marts_dev with "
            + "dev, see build --target) on the left against production's on the right.")
    String target;

    private final ModelProject project;
    private final DuckDbConfig duckdb;

    public DiffCommand(ModelProject project, DuckDbConfig duckdb) {
        this.project = project;
        this.duckdb = duckdb;
    }

    @Override
    public Integer call() throws Exception {
        ModelDefinition definition = options.modelOrExplain(project);
        if (definition == null) {
            return 2;
        }
        String model = options.model;
        Path leftFile = left != null ? left : duckdb.path();
        Path rightFile = right != null ? right : leftFile;
        if (right == null && target == null) {
            System.err.println("Give --against FILE, or --target NAME to compare a target's table with production's");
            return 2;
        }
        for (Path file : List.of(leftFile, rightFile)) {
            if (!Files.isRegularFile(file)) {
                System.err.println("No warehouse file " + file);
                return 2;
            }
        }
        List<String> keyColumns = options.keyOrExplain(definition);
        if (keyColumns.isEmpty()) {
            return 2;
        }
        try (Connection connection = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                Statement statement = connection.createStatement()) {
            statement.execute("ATTACH '" + leftFile.toString().replace("'", "''") + "' AS lhs (READ_ONLY)");
            String rightDatabase = rightFile.equals(leftFile) ? "lhs" : "rhs";
            if (!rightFile.equals(leftFile)) {
                statement.execute("ATTACH '" + rightFile.toString().replace("'", "''") + "' AS rhs (READ_ONLY)");
            }
            String relation = definition.schema() + "." + model;
            String leftSchema = target == null ? definition.schema() : definition.schema() + "_" + target;
            List<String> columns = rows(connection, "SELECT column_name FROM duckdb_columns() WHERE database_name = "
                    + "'lhs' AND schema_name = '" + leftSchema + "' AND table_name = '" + model
                    + "' ORDER BY column_index").stream().map(row -> (String) row.get("column_name")).toList();
            if (columns.isEmpty()) {
                System.err.println(leftSchema + "." + model + " does not exist in " + leftFile
                        + (target == null ? "" : "; build it with ./estore build --select " + model + " --target "
                                + target));
                return 2;
            }
            TableDiff.Report report = new TableDiff(sql -> rows(connection, sql)).compare("lhs." + leftSchema + "."
                    + model, rightDatabase + "." + relation, keyColumns, columns);
            DiffReport.print(report, target == null ? relation : leftSchema + "." + model + " against " + relation,
                    leftFile.toString(), rightFile.toString(), options.json);
            return report.same() ? 0 : 1;
        }
    }

    private static List<Map<String, Object>> rows(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + sql, e);
        }
    }
}
