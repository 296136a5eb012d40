package dev.estore.deploy.checks.cd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.deploy.checks.DeployFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/ci/slim-build.sh (models-ci.yml's slim build) with a stand-in ./estore that records its calls: on the
 * embedded fallback, production is built from the base commit's project and the slim build runs with the
 * checkout's; on BigQuery the same build command runs directly. The command itself runs for real, on the embedded
 * default, in embedded-runner's SlimBuildCommandTest, which takes its arguments from the script's --print-command.
 */
class SlimBuildScriptTest {

    private static final String STAND_IN = """
            #!/usr/bin/env bash
            # Stand-in ./estore: records the call and which project folder it would read.
            set -euo pipefail
            project=${ESTORE_TRANSFORM_PROJECT_DIR:-packaged}
            echo "estore $* [project: ${project#"$CI_WORK_DIR/"}; warehouse: ${ESTORE_WAREHOUSE_DUCKDB_PATH:-default}]" >>"$STANDIN_LOG"
            if [[ $1 == ls ]]; then echo '{"models": {}}' >"${@: -1}/manifest.json"; fi
            """;

    @TempDir
    Path tmp;

    @Test
    void theEmbeddedFallbackBuildsProductionFromTheBaseThenRunsTheSlimBuildWithTheCheckoutsModels() throws Exception {
        Assumptions.assumeTrue(ScriptRun.bashAndJqPresent() && Files.isDirectory(DeployFolder.root().resolve(".git")),
                "SKIPPED: needs bash and a git checkout");
        Path work = tmp.resolve("work");
        Path state = tmp.resolve("state");
        ScriptRun.Result run = new ScriptRun(tmp).standIn("estore", STAND_IN).env("ESTORE", tmp.resolve("bin/estore")
                .toString()).env("CI_WORK_DIR", work.toString()).env("CI_EVENTS", "3000")
                .run("deploy/ci/slim-build.sh", "--embedded", "HEAD", "--state", state.toString(), "--target", "pr_17");

        assertThat(run.exit()).as(run.err()).isZero();
        String root = DeployFolder.root().toString();
        String warehouse = "; warehouse: " + work.resolve("warehouse.duckdb") + "]";
        assertThat(run.callsOf("estore")).containsExactly(
                "estore generate --events 3000 --months 2 --seed 17 --out " + work.resolve("events")
                        + " [project: packaged" + warehouse,
                "estore run " + work.resolve("events") + " [project: base/transform-service/src/main/resources/models"
                        + warehouse,
                "estore ls --resource-type model --target-path " + state
                        + " [project: base/transform-service/src/main/resources/models" + warehouse,
                "estore build --select state:modified+ --state " + state + " --target pr_17 [project: " + root
                        + "/transform-service/src/main/resources/models" + warehouse);
        assertThat(work.resolve("base/transform-service/src/main/resources/models/project.yml"))
                .as("the base commit's models, from git").isRegularFile();
        assertThat(work.resolve("base/semantic-sync-service/src/main/resources/semantic")).isDirectory();
    }

    @Test
    void onBigQueryTheSameCommandRunsWithTheCloudSettingsAndProductionsManifest() throws Exception {
        Assumptions.assumeTrue(ScriptRun.bashAndJqPresent(), "SKIPPED: needs bash");
        Path state = Files.createDirectories(tmp.resolve("prod-state"));
        Files.writeString(state.resolve("manifest.json"), "{}");
        ScriptRun slim = new ScriptRun(tmp).standIn("estore", STAND_IN).env("ESTORE", tmp.resolve("bin/estore")
                .toString()).env("CI_WORK_DIR", tmp.toString());
        ScriptRun.Result withoutSettings = slim.run("deploy/ci/slim-build.sh", "--bigquery", "--state",
                state.toString(), "--target", "pr_17");
        ScriptRun.Result run = slim.env("QUARKUS_GOOGLE_CLOUD_PROJECT_ID", "p")
                .env("ESTORE_BIGQUERY_DATASET_PREFIX", "estore_prod_")
                .run("deploy/ci/slim-build.sh", "--bigquery", "--state", state.toString(), "--target", "pr_17");

        assertThat(withoutSettings.exit()).isEqualTo(2);
        assertThat(withoutSettings.err()).contains("missing environment variable QUARKUS_GOOGLE_CLOUD_PROJECT_ID");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.callsOf("estore")).as("on BigQuery, through the transform's cloud app").containsExactly(
                "estore cloud build --select state:modified+ --state " + state
                        + " --target pr_17 [project: packaged; warehouse: default]");
    }

    @Test
    void printCommandGivesTheArgumentsTheRunnerTestExecutesAndProductionIsNeverATarget() throws Exception {
        Assumptions.assumeTrue(ScriptRun.bashAndJqPresent(), "SKIPPED: needs bash");
        ScriptRun slim = new ScriptRun(tmp);
        ScriptRun.Result printed = slim.run("deploy/ci/slim-build.sh", "--print-command", "--state", "/s", "--target",
                "ci");
        ScriptRun.Result intoProduction = slim.run("deploy/ci/slim-build.sh", "--print-command", "--state", "/s",
                "--target", "prod");

        assertThat(printed.exit()).isZero();
        assertThat(printed.out().lines()).containsExactly("build", "--select", "state:modified+", "--state", "/s",
                "--target", "ci");
        assertThat(intoProduction.exit()).isEqualTo(2);
        assertThat(List.of(intoProduction.err())).allMatch(err -> err.contains("not prod"));
    }
}
