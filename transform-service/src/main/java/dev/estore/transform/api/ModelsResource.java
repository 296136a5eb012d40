package dev.estore.transform.api;

import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.project.ColumnSpec;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The model DAG with its documentation, as the analytics engineer reads it. */
@Path("/models")
public class ModelsResource {

    private final ModelProject project;
    private final BuildRunner runner;

    public ModelsResource(ModelProject project, BuildRunner runner) {
        this.project = project;
        this.runner = runner;
    }

    public record ModelView(String name, String schema, String path, String description, String materialized,
            List<String> upstream, List<String> downstream, List<String> uniqueKey, String partitionBy,
            List<String> clusterBy, List<ColumnSpec> columns, List<String> tests, String compiledSql) {
    }

    @GET
    @Operation(summary = "Every model in build order, with upstream and downstream models, columns and tests")
    public List<ModelView> all() {
        return project.buildOrder().stream().map(name -> view(project.model(name), false)).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One model, with its SQL compiled for the active warehouse")
    public ModelView one(@PathParam("name") String name) {
        if (!project.has(name)) {
            throw new NotFoundException("No model " + name + ". Models: " + project.buildOrder());
        }
        return view(project.model(name), true);
    }

    private ModelView view(ModelDefinition model, boolean withSql) {
        return new ModelView(model.name(), model.schema(), model.path(), model.description(),
                model.materialization().name().toLowerCase()
                        + (model.incrementalStrategy() == null ? "" : " (" + model.incrementalStrategy().yamlName()
                                + ")"),
                List.copyOf(model.upstream()), List.copyOf(project.downstreamOf(model.name())), model.uniqueKey(),
                model.partitionField(), model.clusterBy(), model.columns(),
                model.allTests().stream().map(test -> test.describe(model.name())).toList(),
                withSql ? runner.compiledSql(model.name()) : null);
    }
}
