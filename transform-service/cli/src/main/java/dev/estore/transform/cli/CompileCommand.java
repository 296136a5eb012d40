package dev.estore.transform.cli;

import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.project.ModelProject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** dbt's compile: the SQL each selected model runs in a full build, rendered for the warehouse. */
@Command(name = "compile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the SELECT each selected model runs in a full build, its template rendered for the "
                + "warehouse: DuckDB with ./estore compile, BigQuery with ./estore cloud compile (the same files). "
                + "Builds nothing.", "", "Examples:", "  ./estore compile --select fct_sessions",
                "  ./estore compile --select path:staging"})
public class CompileCommand implements Callable<Integer> {

    @Mixin
    SelectionOptions selection;

    @Option(names = "--warehouse", description = "Embedded only: the DuckDB file whose tables the templates may "
            + "ask about (default: estore.warehouse.duckdb.path). On BigQuery the datasets come from the estore.bigquery settings.")
    Path warehouse;

    private final CommandTarget app;
    private final ModelProject project;
    private final BuildRunner models;

    public CompileCommand(CommandTarget app, ModelProject project, BuildRunner models) {
        this.app = app;
        this.project = project;
        this.models = models;
    }

    @Override
    public Integer call() {
        List<String> chosen = selection.resolveOrExplain(models, app, warehouse);
        if (chosen == null) {
            return 2;
        }
        for (String name : chosen) {
            var model = project.model(name);
            System.out.printf("-- %s.%s (%s, %s)%n%s%n%n", model.schema(), name,
                    model.materialization().name().toLowerCase(java.util.Locale.ROOT), model.path(),
                    models.compiledSql(name).strip());
        }
        return 0;
    }
}
