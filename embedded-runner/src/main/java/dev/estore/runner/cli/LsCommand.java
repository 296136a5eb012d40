package dev.estore.runner.cli;

import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.snapshot.definition.SnapshotCatalog;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.cli.SelectionOptions;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** dbt's ls: what the project holds, filtered by selector and resource type; reads no warehouse. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the project's resources: models, their data tests, the sources they read and the "
                + "snapshots of selected models. Reads the project only, never the warehouse.", "", "Examples:",
                "  ./estore ls --select +dim_users",
                "  ./estore ls --select tag:customers --resource-type test",
                "  ./estore ls --resource-type source snapshot --json",
                "  ./estore ls --select state:modified+ --state prod-target/   (what a slim build would build)"})
public class LsCommand implements Callable<Integer> {

    enum ResourceType { model, test, source, snapshot }

    @Mixin
    SelectionOptions selection;

    @Option(names = "--resource-type", arity = "1..*", paramLabel = "TYPE",
            description = "model, test, source or snapshot (default: all of them).")
    List<ResourceType> types = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per resource.")
    boolean json;

    private final EmbeddedPipeline pipeline;
    private final ModelProject project;
    private final BuildRunner models;
    private final SnapshotCatalog snapshots;

    public LsCommand(EmbeddedPipeline pipeline, ModelProject project, BuildRunner models, SnapshotCatalog snapshots) {
        this.pipeline = pipeline;
        this.project = project;
        this.models = models;
        this.snapshots = snapshots;
    }

    @Override
    public Integer call() throws Exception {
        List<String> chosen = selection.resolveOrExplain(models, pipeline, null);
        if (chosen == null) {
            return 2;
        }
        Set<ResourceType> wanted = types.isEmpty() ? Set.of(ResourceType.values()) : Set.copyOf(types);
        List<Map<String, String>> resources = new ArrayList<>();
        for (String name : chosen) {
            ModelDefinition model = project.model(name);
            if (wanted.contains(ResourceType.model)) {
                resources.add(resource("model", model.schema() + "." + name, model.materialization().name()
                        .toLowerCase(java.util.Locale.ROOT) + (model.incrementalStrategy() == null ? ""
                                : ", " + model.incrementalStrategy().yamlName())
                        + (model.tags().isEmpty() ? "" : ", tags " + model.tags()), model.path()));
            }
            if (wanted.contains(ResourceType.test)) {
                model.allTests().forEach(test -> resources.add(resource("test", test.describe(name),
                        test.kind().name().toLowerCase(java.util.Locale.ROOT), model.path())));
            }
        }
        if (wanted.contains(ResourceType.test)) {
            project.singularTests().stream().filter(test -> test.refs().stream().anyMatch(chosen::contains))
                    .forEach(test -> resources.add(resource("test", "singular(" + test.name() + ")",
                            "singular, reads " + test.refs(), test.path())));
        }
        if (wanted.contains(ResourceType.source)) {
            boolean everything = selection.select.isEmpty();
            project.sources().forEach((schema, tables) -> tables.forEach(table -> {
                boolean read = everything || chosen.stream().anyMatch(name -> project.model(name).readsSources());
                if (read) {
                    resources.add(resource("source", schema + "." + table, "read by the staging models", ""));
                }
            }));
        }
        if (wanted.contains(ResourceType.snapshot)) {
            snapshots.all().stream().filter(snapshot -> chosen.contains(snapshot.source().table()))
                    .forEach(snapshot -> resources.add(resource("snapshot", snapshot.target().toString(),
                            "of " + snapshot.source() + ", " + snapshot.strategy().name().toLowerCase(
                                    java.util.Locale.ROOT), snapshot.file())));
        }
        for (Map<String, String> resource : resources) {
            System.out.println(json ? MessageCodec.json().writeValueAsString(resource)
                    : String.format("%-9s %-60s %s", resource.get("resource_type"), resource.get("name"),
                            resource.get("detail")));
        }
        return 0;
    }

    private static Map<String, String> resource(String type, String name, String detail, String path) {
        Map<String, String> resource = new LinkedHashMap<>();
        resource.put("resource_type", type);
        resource.put("name", name);
        resource.put("detail", detail);
        resource.put("path", path);
        return resource;
    }
}
