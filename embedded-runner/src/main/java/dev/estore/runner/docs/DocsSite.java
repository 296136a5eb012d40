package dev.estore.runner.docs;

import static dev.estore.runner.docs.DocsPage.escape;

import dev.estore.runner.docs.DocsPage.Section;
import dev.estore.semantic.catalog.SemanticLayer;
import dev.estore.snapshot.definition.SnapshotCatalog;
import dev.estore.snapshot.definition.SnapshotDefinition;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunHistory;
import dev.estore.transform.build.RunRecord;
import dev.estore.transform.project.ColumnSpec;
import dev.estore.transform.project.DataTestSpec;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * dbt's docs for this project: the lineage of sources, models, snapshots and topics, and a section for each with
 * what an analyst asks first (what it is, its columns and tests, the SQL it runs, how its last build went).
 */
@ApplicationScoped
public class DocsSite {

    private final ModelProject project;
    private final BuildRunner models;
    private final RunHistory runs;
    private final SnapshotCatalog snapshots;
    private final SemanticLayer semantic;

    public DocsSite(ModelProject project, BuildRunner models, RunHistory runs, SnapshotCatalog snapshots,
            SemanticLayer semantic) {
        this.project = project;
        this.models = models;
        this.runs = runs;
        this.snapshots = snapshots;
        this.semantic = semantic;
    }

    /** The whole site: one HTML page. */
    public String html() {
        Lineage lineage = Lineage.of(project, snapshots.all(), semantic.model());
        List<Section> sections = new ArrayList<>();
        project.sources().forEach((schema, tables) -> tables.forEach(table -> sections.add(new Section(
                "source:" + schema + "." + table, "source " + schema + "." + table, "raw events as the loader "
                        + "writes them", "<p>Read by " + escape(project.buildOrder().stream()
                                .filter(name -> project.model(name).readsSources())
                                .collect(Collectors.joining(", "))) + ".</p>"))));
        Optional<RunRecord> lastRun = runs.lastFinished();
        for (String name : project.buildOrder()) {
            sections.add(model(project.model(name), lastRun));
        }
        for (SnapshotDefinition snapshot : snapshots.all()) {
            sections.add(new Section("snapshot:" + snapshot.name(), "snapshot " + snapshot.name(),
                    snapshot.source() + " -> " + snapshot.target() + ", strategy "
                            + snapshot.strategy().name().toLowerCase(Locale.ROOT) + ", unique key "
                            + snapshot.uniqueKey(), "<p>" + escape(snapshot.description()) + "</p>"));
        }
        semantic.model().topics().values().forEach(topic -> sections.add(new Section("topic:" + topic.name(),
                "topic " + topic.name(), "views " + topic.views(), "<p>" + escape(topic.description()) + "</p>")));
        return DocsPage.render("estore-analytics docs", lineage, sections);
    }

    private Section model(ModelDefinition model, Optional<RunRecord> lastRun) {
        StringBuilder body = new StringBuilder("<p>").append(escape(model.description())).append("</p>\n");
        body.append("<p class=\"sub\">").append(escape(model.path())).append("; depends on ")
                .append(escape(model.upstream().isEmpty() ? "sources" : String.join(", ", model.upstream())))
                .append("; used by ").append(escape(project.downstreamOf(model.name()).isEmpty() ? "nothing"
                        : String.join(", ", project.downstreamOf(model.name()))))
                .append(model.tags().isEmpty() ? "" : "; tags " + escape(String.join(", ", model.tags())))
                .append("</p>\n");
        body.append("<table><tr><th>column</th><th>description</th><th>tests</th></tr>");
        for (ColumnSpec column : model.columns()) {
            body.append("<tr><td>").append(escape(column.name())).append("</td><td>")
                    .append(escape(column.description())).append("</td><td>")
                    .append(escape(column.tests().stream().map(test -> describe(test, model.name()))
                            .collect(Collectors.joining(", ")))).append("</td></tr>");
        }
        body.append("</table>\n");
        List<DataTestSpec> modelTests = model.tests();
        if (!modelTests.isEmpty()) {
            body.append("<p>Model tests: ").append(escape(modelTests.stream().map(test -> describe(test,
                    model.name())).collect(Collectors.joining("; ")))).append("</p>\n");
        }
        lastRun.flatMap(run -> run.models().stream().filter(built -> built.model().equals(model.name())).findFirst()
                .map(built -> lastBuild(run, built))).ifPresent(body::append);
        body.append("<details><summary>Compiled SQL</summary><pre>").append(escape(compiled(model.name())))
                .append("</pre></details>\n");
        String kind = model.materialization().name().toLowerCase(Locale.ROOT)
                + (model.incrementalStrategy() == null ? "" : ", " + model.incrementalStrategy().yamlName());
        return new Section("model:" + model.name(), model.schema() + "." + model.name(), kind, body.toString());
    }

    private static String lastBuild(RunRecord run, ModelRun built) {
        return "<p>Last build: " + escape(built.status().name().toLowerCase(Locale.ROOT)) + " in " + escape(run.runId())
                + " (" + escape(String.valueOf(run.finishedAt())) + "), " + escape(built.mode() == null ? ""
                        : built.mode()) + (built.rows() < 0 ? "" : ", " + String.format(Locale.ROOT, "%,d rows",
                                built.rows())) + ", " + built.millis() + " ms</p>\n";
    }

    private static String describe(DataTestSpec test, String model) {
        return test.describe(model) + (test.severity() == DataTestSpec.Severity.WARN ? " (warn)" : "");
    }

    private String compiled(String name) {
        try {
            return models.compiledSql(name).strip();
        } catch (RuntimeException e) {
            return "-- not compiled: " + e.getMessage();
        }
    }
}
