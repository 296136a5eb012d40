package dev.estore.runner.cli;

import dev.estore.runner.pipeline.EmbeddedPipeline;
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
                + "warehouse (DuckDB here; the Google Cloud apps render the same files for BigQuery). Builds "
                + "nothing.", "", "Examples:", "  ./estore compile --select fct_sessions",
                "  ./estore compile --select path:staging"})
public class CompileCommand implements Callable<Integer> {

    @Mixin
    SelectionOptions selection;

    @Option(names = "--warehouse", description = "DuckDB file whose tables the templates may ask about (default: "
            + "estore.warehouse.duckdb.path).")
    Path warehouse;

    private final EmbeddedPipeline pipeline;
    private final ModelProject project;
    private final BuildRunner models;

    public CompileCommand(EmbeddedPipeline pipeline, ModelProject project, BuildRunner models) {
        this.pipeline = pipeline;
        this.project = project;
        this.models = models;
    }

    @Override
    public Integer call() {
        List<String> chosen = selection.resolveOrExplain(models, pipeline, warehouse);
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
