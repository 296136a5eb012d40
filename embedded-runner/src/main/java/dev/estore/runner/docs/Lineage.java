package dev.estore.runner.docs;

import dev.estore.semantic.model.SemanticModel;
import dev.estore.semantic.model.TopicDefinition;
import dev.estore.snapshot.definition.SnapshotDefinition;
import dev.estore.transform.project.ModelProject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's graph as the docs draw it: sources, models, snapshots and the semantic layer's topics (dbt's
 * exposures), each in a column by its depth, with an edge from everything a node reads.
 */
record Lineage(List<Node> nodes, List<Edge> edges) {

    enum Kind { SOURCE, MODEL, SNAPSHOT, TOPIC }

    /** {@code id} is unique across kinds (kind:name); {@code column} is its depth from the sources. */
    record Node(String id, Kind kind, String name, int column) {
    }

    record Edge(String from, String to) {
    }

    static Lineage of(ModelProject project, List<SnapshotDefinition> snapshots, SemanticModel semantic) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        Map<String, Integer> depth = new HashMap<>();
        project.sources().forEach((schema, tables) -> tables.forEach(table ->
                nodes.add(new Node("source:" + schema + "." + table, Kind.SOURCE, schema + "." + table, 0))));
        for (String name : project.buildOrder()) {
            var model = project.model(name);
            int column = 1 + model.upstream().stream().filter(project::has).mapToInt(depth::get).max().orElse(0);
            depth.put(name, column);
            nodes.add(new Node("model:" + name, Kind.MODEL, name, column));
            model.upstream().stream().filter(project::has).forEach(parent -> edges.add(new Edge("model:" + parent,
                    "model:" + name)));
            if (model.readsSources()) {
                project.sources().forEach((schema, tables) -> tables.forEach(table -> edges.add(new Edge(
                        "source:" + schema + "." + table, "model:" + name))));
            }
        }
        int last = depth.values().stream().mapToInt(Integer::intValue).max().orElse(1) + 1;
        for (SnapshotDefinition snapshot : snapshots) {
            String source = snapshot.source().table();
            nodes.add(new Node("snapshot:" + snapshot.name(), Kind.SNAPSHOT, snapshot.name(), last));
            if (project.has(source)) {
                edges.add(new Edge("model:" + source, "snapshot:" + snapshot.name()));
            }
        }
        for (TopicDefinition topic : semantic.topics().values()) {
            nodes.add(new Node("topic:" + topic.name(), Kind.TOPIC, topic.name(), last + 1));
            Set<String> tables = new LinkedHashSet<>();
            topic.views().forEach(view -> {
                var definition = semantic.views().get(view);
                if (definition != null) {
                    tables.add(definition.table());
                }
            });
            tables.forEach(table -> edges.add(new Edge(project.has(table) ? "model:" + table
                    : snapshotNamed(snapshots, table), "topic:" + topic.name())));
        }
        edges.removeIf(edge -> edge.from() == null);
        return new Lineage(nodes, edges);
    }

    private static String snapshotNamed(List<SnapshotDefinition> snapshots, String table) {
        return snapshots.stream().filter(snapshot -> snapshot.target().table().equals(table))
                .map(snapshot -> "snapshot:" + snapshot.name()).findFirst().orElse(null);
    }
}
