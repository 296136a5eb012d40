package dev.estore.transform.cli;

import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What both diff commands ask (the model, its key, JSON or text), and how they explain a wrong answer. */
public class DiffOptions {

    @Option(names = {"-s", "--select"}, required = true, paramLabel = "MODEL", description = "The model to compare.")
    public String model;

    @Option(names = "--key", split = ",", description = "Key columns (default: the model's unique_key, else the "
            + "column with a unique test).")
    public List<String> key = new ArrayList<>();

    @Option(names = "--json", description = "Print the report as JSON.")
    public boolean json;

    /** The selected model, or null after saying on stderr that there is none of that name. */
    public ModelDefinition modelOrExplain(ModelProject project) {
        if (!project.has(model)) {
            System.err.println("No model named '" + model + "'. Models: " + project.buildOrder());
            return null;
        }
        return project.model(model);
    }

    /** --key, else the model's own key; empty after saying on stderr that it has none. */
    public List<String> keyOrExplain(ModelDefinition definition) {
        List<String> columns = !key.isEmpty() ? key : DiffReport.keyOf(definition);
        if (columns.isEmpty()) {
            System.err.println(model + " has no unique_key and no unique test: give --key COLUMN[,COLUMN]");
        }
        return columns;
    }
}
