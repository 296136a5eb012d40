package dev.estore.transform.cli;

import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * SQLMesh's plan: which models a change would rebuild and why, how each one's columns would change against its
 * published table (a removed or retyped column breaks what reads it), and what it would read. Nothing is written:
 * each model's new columns come from the warehouse's preview of its SELECT (DuckDB: a view rolled back; BigQuery:
 * a dry run, which also says the bytes it would process; on DuckDB the cost is the rows of what it reads).
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"What a build of the changed models would do, before it runs: the models whose SQL or build "
                + "settings changed since --state's manifest and their children (or --select), why each is in, "
                + "its columns added, removed or retyped against the published table (breaking or not), and what it "
                + "reads: rows on DuckDB, bytes by dry run on BigQuery. Writes nothing. Exit code 0; 2 on bad usage.", "", "Example:",
                "  ./estore plan --state prod-target/"})
public class PlanCommand implements Callable<Integer> {

    @Mixin
    SelectionOptions selection;

    @Option(names = "--warehouse", description = "Embedded only: the DuckDB file to plan against (default: "
            + "estore.warehouse.duckdb.path). On BigQuery the datasets come from the estore.bigquery settings.")
    Path warehouse;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    private final CommandTarget app;
    private final ModelProject project;
    private final BuildRunner models;
    private final Warehouse tables;

    public PlanCommand(CommandTarget app, ModelProject project, BuildRunner models, Warehouse tables) {
        this.app = app;
        this.project = project;
        this.models = models;
        this.tables = tables;
    }

    /** One model in the plan. */
    /** {@code bytesProcessed}: BigQuery's dry-run estimate of a full build's SELECT; null on DuckDB. */
    public record Step(String model, String why, List<String> added, List<String> removed, List<String> retyped,
            boolean breaking, long rowsRead, Long bytesProcessed) {
    }

    @Override
    public Integer call() throws Exception {
        if (selection.select.isEmpty()) {
            if (selection.state == null) {
                System.err.println("Give --state DIR (the manifest the change is measured from), or --select");
                return 2;
            }
            selection.select = new ArrayList<>(List.of("state:modified+"));
        }
        List<String> chosen = selection.resolveOrExplain(models, app, warehouse);
        if (chosen == null) {
            return 2;
        }
        Set<String> modified = selection.earlierState() == null ? Set.of()
                : models.manifest().modifiedSince(selection.earlierState());
        List<Step> steps = new ArrayList<>();
        for (String name : chosen) {
            steps.add(step(project.model(name), why(name, modified, chosen)));
        }
        if (json) {
            System.out.println(MessageCodec.json().writerWithDefaultPrettyPrinter().writeValueAsString(steps));
            return 0;
        }
        if (steps.isEmpty()) {
            System.out.println("No changes: nothing to build.");
        }
        for (Step step : steps) {
            System.out.printf(Locale.ROOT, "%s  %s: %s; %s%n", step.breaking() ? "BREAKING" : "        ",
                    step.model(), step.why(), step.bytesProcessed() != null
                            ? String.format(Locale.ROOT, "would process %,.1f MB (dry run)",
                                    step.bytesProcessed() / 1_048_576.0)
                            : String.format(Locale.ROOT, "reads %,d rows", step.rowsRead()));
            if (!step.added().isEmpty()) {
                System.out.println("            added " + step.added());
            }
            if (!step.removed().isEmpty()) {
                System.out.println("            removed " + step.removed() + " (breaking: what reads them fails)");
            }
            if (!step.retyped().isEmpty()) {
                System.out.println("            retyped " + step.retyped() + " (breaking)");
            }
        }
        return 0;
    }

    private String why(String name, Set<String> modified, List<String> chosen) {
        if (modified.contains(name)) {
            return tables.relationExists(project.model(name).schema(), name) ? "modified (its SQL or build settings)"
                    : "new";
        }
        List<String> changedParents = project.model(name).upstream().stream().filter(chosen::contains).toList();
        return changedParents.isEmpty() ? "selected" : "downstream of " + String.join(", ", changedParents);
    }

    private Step step(ModelDefinition model, String why) {
        Map<String, String> published = columnsOf(model.schema(), model.name());
        Warehouse.QueryPreview preview;
        try {
            preview = tables.preview(models.compiledSql(model.name()));
        } catch (RuntimeException e) {
            // e.g. it reads a model this change adds, not built yet: the rest of the plan still stands
            return new Step(model.schema() + "." + model.name(), why + "; columns unknown (" + brief(e.getMessage())
                    + ")", List.of(), List.of(), List.of(), false, 0, null);
        }
        Map<String, String> planned = preview.columns();
        List<String> added = planned.keySet().stream().filter(column -> !published.containsKey(column)).toList();
        List<String> removed = published.isEmpty() ? List.of()
                : published.keySet().stream().filter(column -> !planned.containsKey(column)).toList();
        List<String> retyped = planned.entrySet().stream().filter(column -> published.containsKey(column.getKey())
                && !published.get(column.getKey()).equals(column.getValue()))
                .map(column -> column.getKey() + " " + published.get(column.getKey()) + " -> " + column.getValue())
                .toList();
        // rows are counted where the warehouse gives no estimate (DuckDB's count(*) is cheap, BigQuery's is not)
        long rows = preview.bytesProcessed() != null ? 0 : model.upstream().stream().filter(project::has)
                .mapToLong(parent -> rowsOf(project.model(parent))).sum()
                + (model.readsSources() ? count("raw", "events") : 0);
        return new Step(model.schema() + "." + model.name(), why, published.isEmpty() ? List.of() : added, removed,
                retyped, !removed.isEmpty() || !retyped.isEmpty(), rows, preview.bytesProcessed());
    }

    private static String brief(String message) {
        String text = String.valueOf(message).lines().findFirst().orElse("");
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }

    private Map<String, String> columnsOf(String schema, String name) {
        Map<String, String> columns = new LinkedHashMap<>();
        tables.describeColumns(schema, name).forEach(column -> columns.put(column.name(), column.engineType()));
        return columns;
    }

    private long rowsOf(ModelDefinition model) {
        return model.materialization() == dev.estore.transform.project.Materialization.VIEW ? 0
                : count(model.schema(), model.name());
    }

    private long count(String schema, String name) {
        return !tables.relationExists(schema, name) ? 0 : ((Number) tables.query("SELECT count(*) AS n FROM "
                + tables.relation(schema, name)).get(0).get("n")).longValue();
    }
}
