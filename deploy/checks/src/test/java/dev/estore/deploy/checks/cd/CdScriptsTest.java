package dev.estore.deploy.checks.cd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/cd/deploy.sh (what cd.yml runs) with stand-in gcloud and curl: the order of deploy, smoke check and
 * traffic shift, the rollback of every touched service to its previous revision with a notification when a smoke
 * check or a shift fails, and the semantic sync (Omni refresh) after a good deploy only.
 */
class CdScriptsTest {

    private static final List<String> SERVICES = List.of("loader-service", "transform-service", "snapshot-service",
            "semantic-sync-service");
    private static final String WHERE = " --region europe-west1 --project p";
    private static final String SLACK = "https://hooks.slack.test/services/T/B/X";

    @TempDir
    Path tmp;
    ScriptRun cd;

    @BeforeEach
    void standIns() throws IOException {
        Assumptions.assumeTrue(ScriptRun.bashAndJqPresent(), "SKIPPED: the deploy scripts need bash, jq and base64");
        cd = new ScriptRun(tmp).env("PROJECT_ID", "p").env("REGION", "europe-west1").env("PREFIX", "estore-prod-")
                .env("IMAGE_REGISTRY", "europe-west1-docker.pkg.dev/p/estore-prod").env("SLACK_WEBHOOK_URL", SLACK)
                .env("SMOKE_RETRY_SECONDS", "0").env("SMOKE_HEALTH_ATTEMPTS", "2");
    }

    @Test
    void aGoodDeployChecksEveryNewRevisionBeforeAnyTrafficMovesThenShiftsItAndRefreshesOmni() throws Exception {
        ScriptRun.Result run = cd.run("deploy/cd/deploy.sh", "abc123");

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> expected = new java.util.ArrayList<>();
        for (String service : SERVICES) {
            expected.addAll(List.of(describe(service),
                    "gcloud run deploy estore-prod-" + service + " --image europe-west1-docker.pkg.dev/p/estore-prod/"
                            + service + ":abc123" + WHERE + " --no-traffic --tag canary --quiet",
                    describe(service), "gcloud auth print-identity-token --audiences estore-prod-" + service));
        }
        for (String service : SERVICES) {
            expected.add(traffic(service, "00002-new"));
        }
        expected.addAll(List.of(describe("semantic-sync-service"),
                "gcloud auth print-identity-token --audiences estore-prod-semantic-sync-service"));
        assertThat(run.callsOf("gcloud")).containsExactlyElementsOf(expected);

        List<String> curls = run.callsOf("curl");
        assertThat(curls).hasSize(9);
        for (int i = 0; i < SERVICES.size(); i++) {
            String canary = "https://canary---estore-prod-" + SERVICES.get(i) + "-abc123-ew.a.run.app";
            assertThat(curls.get(2 * i)).isEqualTo("curl GET " + canary + "/q/health/live");
            assertThat(curls.get(2 * i + 1)).startsWith("curl POST " + canary + "/pubsub/push projects/p/subscriptions/"
                    + (i == 0 ? "estore-prod-loader-service.object-notifications {\"kind\":\"storage#object\""
                            : "estore-prod-failure-notifier {\"service\":\"" + SERVICES.get(i)
                                    + "\",\"stage\":\"deploy-canary\""));
        }
        assertThat(curls.get(8)).as("the Omni refresh comes last, after every shift")
                .isEqualTo("curl POST https://estore-prod-semantic-sync-service-abc123-ew.a.run.app/semantic/syncs");
        assertThat(run.calls().indexOf(curls.get(8))).isGreaterThan(run.calls().indexOf(
                traffic("semantic-sync-service", "00002-new")));
        assertThat(run.err()).contains("semantic layer synced, Omni refreshed (sync-1)");
    }

    @Test
    void aFailedHealthCheckSendsEveryTouchedServiceBackToItsPreviousRevisionAndNotifies() throws Exception {
        ScriptRun.Result run = cd.env("STANDIN_FAIL_HEALTH", "estore-prod-snapshot-service").run("deploy/cd/deploy.sh",
                "abc123");

        assertThat(run.exit()).isEqualTo(1);
        List<String> gcloud = run.callsOf("gcloud");
        assertThat(gcloud).noneMatch(call -> call.contains("semantic-sync-service"))
                .noneMatch(call -> call.contains("00002-new=100"));
        assertThat(gcloud.subList(gcloud.size() - 3, gcloud.size())).containsExactly(
                traffic("loader-service", "00001-old"), traffic("transform-service", "00001-old"),
                traffic("snapshot-service", "00001-old"));
        List<String> curls = run.callsOf("curl");
        String health = "curl GET https://canary---estore-prod-snapshot-service-abc123-ew.a.run.app/q/health/live";
        assertThat(curls.subList(4, curls.size())).containsExactly(health, health,
                "curl POST " + SLACK + " {\"text\":\"estore deploy of abc123 to estore-prod- FAILED: snapshot-service: "
                        + "smoke check of estore-prod-snapshot-service-00002-new failed. Back on the previous revision: "
                        + "loader-service -> estore-prod-loader-service-00001-old, transform-service -> "
                        + "estore-prod-transform-service-00001-old, snapshot-service -> "
                        + "estore-prod-snapshot-service-00001-old.\"}");
        assertThat(run.out()).contains("::error title=estore deploy::estore deploy of abc123 to estore-prod- FAILED");
        assertThat(run.calls()).noneMatch(call -> call.contains("/semantic/syncs"));
    }

    @Test
    void aFailedTrafficShiftTakesBackTheShiftsAlreadyMade() throws Exception {
        ScriptRun.Result run = cd.env("STANDIN_FAIL_TRAFFIC", "estore-prod-snapshot-service-00002-new")
                .run("deploy/cd/deploy.sh", "abc123");

        assertThat(run.exit()).isEqualTo(1);
        List<String> shifts = run.callsOf("gcloud").stream().filter(call -> call.contains("update-traffic")).toList();
        assertThat(shifts).containsExactly(traffic("loader-service", "00002-new"),
                traffic("transform-service", "00002-new"), traffic("snapshot-service", "00002-new"),
                traffic("loader-service", "00001-old"), traffic("transform-service", "00001-old"),
                traffic("snapshot-service", "00001-old"), traffic("semantic-sync-service", "00001-old"));
        assertThat(run.callsOf("curl")).last().asString().startsWith("curl POST " + SLACK)
                .contains("snapshot-service: shifting the traffic to estore-prod-snapshot-service-00002-new failed");
        assertThat(run.calls()).noneMatch(call -> call.contains("/semantic/syncs"));
    }

    @Test
    void aFailedOmniRefreshIsNotifiedButRollsNothingBack() throws Exception {
        ScriptRun.Result run = cd.env("STANDIN_SYNC_OUTCOME", "{\"syncId\": \"sync-2\", \"valid\": true, \"problems\": [], "
                + "\"biRefreshed\": false, \"biError\": \"Omni answered 401\"}").run("deploy/cd/deploy.sh", "abc123");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.callsOf("gcloud")).noneMatch(call -> call.contains("00001-old=100"));
        assertThat(run.err()).contains("the Omni refresh failed: Omni answered 401");
        assertThat(run.callsOf("curl")).last().asString().startsWith("curl POST " + SLACK)
                .contains("succeeded, but the semantic sync / Omni refresh failed");
    }

    @Test
    void anInvalidSemanticLayerFailsTheRefresh() throws Exception {
        ScriptRun.Result run = cd.env("STANDIN_SYNC_OUTCOME", "{\"valid\": false, \"problems\": [\"no column x\"], "
                + "\"biRefreshed\": false, \"biError\": null}").run("deploy/cd/refresh-omni.sh");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("the semantic layer does not match the warehouse: no column x");
    }

    @Test
    void omniNotConfiguredIsSaidAndIsNoFailure() throws Exception {
        ScriptRun.Result run = cd.env("STANDIN_SYNC_OUTCOME", "{\"valid\": true, \"problems\": [], "
                + "\"biRefreshed\": false, \"biError\": null}").run("deploy/cd/refresh-omni.sh");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("Omni is not configured");
    }

    @Test
    void everyServiceHasACanaryMessageAndTheScriptsRefuseBadUsage() throws Exception {
        for (String service : SERVICES) {
            assertThat(dev.estore.deploy.checks.DeployFolder.deploy().resolve("cd/canary/" + service + ".json"))
                    .isRegularFile();
        }
        ScriptRun.Result noTag = cd.run("deploy/cd/deploy.sh");
        ScriptRun.Result noProject = cd.env("PROJECT_ID", "").run("deploy/cd/deploy.sh", "abc123");

        assertThat(Stream.of(noTag, noProject)).allSatisfy(run -> {
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.calls()).isEmpty();
        });
        assertThat(noTag.err()).contains("usage: deploy/cd/deploy.sh IMAGE_TAG [SERVICE...]");
        assertThat(noProject.err()).contains("missing environment variable PROJECT_ID");
    }

    private static String describe(String service) {
        return "gcloud run services describe estore-prod-" + service + WHERE + " --format json";
    }

    private static String traffic(String service, String revision) {
        return "gcloud run services update-traffic estore-prod-" + service + WHERE + " --to-revisions estore-prod-"
                + service + "-" + revision + "=100 --quiet";
    }
}
