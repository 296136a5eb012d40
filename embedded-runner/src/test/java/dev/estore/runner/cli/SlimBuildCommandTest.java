package dev.estore.runner.cli;

import static dev.estore.runner.cli.SelectBuildListCompileTest.execute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratorOptions;
import dev.estore.runner.fixture.TestFolders;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.RunSummary;
import dev.estore.shared.ports.Warehouse;
import dev.estore.snapshot.definition.SnapshotCatalog;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.cli.BuildCommand;
import dev.estore.transform.project.ModelProject;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * models-ci.yml's slim build on the embedded default, for real: the arguments come from
 * {@code deploy/ci/slim-build.sh --print-command} (the one place the workflow's command is written), run through
 * the runner's build command in this already started app, against a manifest in which production had another
 * version of int_sessions. deploy-checks' SlimBuildScriptTest checks the script's other calls with a stand-in.
 */
@QuarkusTest
class SlimBuildCommandTest {

    @Inject
    EmbeddedPipeline pipeline;
    @Inject
    BuildRunner models;
    @Inject
    ModelProject project;
    @Inject
    SnapshotCatalog snapshots;
    @Inject
    Warehouse tables;

    @Test
    void theWorkflowsSlimBuildBuildsTheChangedModelAndItsChildrenIntoItsTargetDeferringToProduction()
            throws Exception {
        productionWithData();
        Path state = TestFolders.create("estore-slim-state");
        assertThat(execute(new LsCommand(pipeline, project, models, snapshots), "--resource-type", "model",
                "--target-path", state.toString()).exit()).isZero();
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(state.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.path("models").path("int_sessions")).put("fingerprint", "production had another version");
        Files.writeString(state.resolve("manifest.json"), manifest.toString());
        List<String> expected = execute(new LsCommand(pipeline, project, models, snapshots), "--select",
                "int_sessions+", "--resource-type", "model", "--json").out().lines()
                .map(line -> readName(json, line)).toList();
        List<Map<String, Object>> productionWindows = tables.query("SELECT * FROM ops.model_windows ORDER BY ALL");

        List<String> args = scriptsCommand(state);
        // args.get(0) is the subcommand, "build": its options go to the build command as ./estore would pass them
        SelectBuildListCompileTest.Ran slim = execute(new BuildCommand(pipeline, models), args.subList(1, args.size()).toArray(String[]::new));

        assertThat(args).containsExactly("build", "--select", "state:modified+", "--state", state.toString(),
                "--target", "pr_17");
        assertThat(slim.exit()).as(slim.out() + slim.err()).isZero();
        assertThat(expected).contains("intermediate.int_sessions", "marts.fct_sessions").hasSizeGreaterThan(2);
        assertThat(slim.out()).contains("Building " + expected.size() + " model(s)");
        for (String relation : expected) {
            assertThat(slim.out()).as(relation).containsPattern("OK +" + relation.replace(".", "_pr_17\\.") + " ");
        }
        assertThat(tables.relationExists("marts_pr_17", "fct_events")).as("fct_events deferred to production").isFalse();
        assertThat(tables.query("SELECT * FROM ops.model_windows ORDER BY ALL")).as("production untouched")
                .isEqualTo(productionWindows);
    }

    /** One month of generated events loaded and built, unless another class of this app already did. */
    private void productionWithData() throws Exception {
        Path root = TestFolders.create("estore-slim");
        try {
            pipeline.useWarehouse(root.resolve("warehouse.duckdb"));
        } catch (IllegalStateException alreadyOpen) {
            // the app opened its warehouse already; an earlier class chose it
        }
        if (tables.relationExists("marts", "fct_sessions")) {
            return;
        }
        Path files = root.resolve("slim-bucket");
        new EventGenerator(new GeneratorOptions(2_000, 1, 7, files, false, YearMonth.of(2019, 10))).generate();
        RunSummary run = pipeline.run(List.of(files), Duration.ofMinutes(2));
        assertThat(run.succeeded()).as(String.valueOf(run.failures())).isTrue();
    }

    private static String readName(ObjectMapper json, String line) {
        try {
            return json.readTree(line).path("name").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    /** The arguments models-ci.yml passes to ./estore, as the script prints them. */
    private static List<String> scriptsCommand(Path state) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("deploy/ci/slim-build.sh"))) {
            root = root.getParent();
        }
        Process script = new ProcessBuilder("bash", "deploy/ci/slim-build.sh", "--print-command", "--state",
                state.toString(), "--target", "pr_17").directory(root.toFile()).redirectErrorStream(true).start();
        String printed = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(printed).isZero();
        return printed.lines().toList();
    }
}
