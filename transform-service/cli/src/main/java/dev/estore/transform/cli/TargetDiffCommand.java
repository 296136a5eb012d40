package dev.estore.transform.cli;

import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.diff.TableDiff;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * SQLMesh's table diff of one model built into a target (build --target) against production's, in the app's own
 * warehouse through the port: ./estore cloud diff on BigQuery. (./estore diff also compares two DuckDB files.)
 */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare one model built into a target (its <schema>_<target> table) with production's: row "
                + "counts, keys only in one of them, and for the keys in both the number of rows that differ in "
                + "each column, with sample keys. Reads only. Exit code 0 when the tables are the same, 1 when they "
                + "differ, 2 on bad usage.", "", "Example:",
                "  ./estore cloud diff --select fct_sessions --target pr_42"})
public class TargetDiffCommand implements Callable<Integer> {

    @Mixin
    DiffOptions options;

    @Option(names = {"-t", "--target"}, required = true, description = "The target the model was built into.")
    String target;

    private final ModelProject project;
    private final Warehouse warehouse;

    public TargetDiffCommand(ModelProject project, Warehouse warehouse) {
        this.project = project;
        this.warehouse = warehouse;
    }

    @Override
    public Integer call() throws Exception {
        ModelDefinition definition = options.modelOrExplain(project);
        List<String> keyColumns = definition == null ? List.of() : options.keyOrExplain(definition);
        if (keyColumns.isEmpty()) {
            return 2;
        }
        String model = options.model;
        String targetSchema = definition.schema() + "_" + target;
        String left = warehouse.relation(targetSchema, model);
        List<String> columns = warehouse.columnsOf(targetSchema, model);
        if (columns.isEmpty()) {
            System.err.println(left + " does not exist; build it with build --select " + model + " --target "
                    + target);
            return 2;
        }
        String right = warehouse.relation(definition.schema(), model);
        List<String> production = warehouse.columnsOf(definition.schema(), model);
        if (production.isEmpty()) {
            System.err.println(right + " does not exist: production has not built " + model + " yet");
            return 2;
        }
        // a change that adds or drops a column is compared on the columns both have, and the others are named
        List<String> shared = columns.stream().filter(production::contains).toList();
        List<String> added = columns.stream().filter(column -> !production.contains(column)).toList();
        List<String> dropped = production.stream().filter(column -> !columns.contains(column)).toList();
        TableDiff.Report report = new TableDiff(sql -> warehouse.query(sql)).compare(left, right, keyColumns,
                shared);
        DiffReport.print(report, left + " against " + right, "target " + target, "production", options.json);
        if (!options.json && (!added.isEmpty() || !dropped.isEmpty())) {
            System.out.println("columns only in the target: " + added + "; only in production: " + dropped);
        }
        return report.same() && added.isEmpty() && dropped.isEmpty() ? 0 : 1;
    }
}
