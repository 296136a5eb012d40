package dev.estore.runner.semantic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.runner.FreshWarehouseProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the runs page before any event is loaded, as a new user's first `./estore serve` shows them:
 * a "no data yet" state instead of empty charts, no runs; then a build on that empty warehouse (it fails: there is
 * no raw table), which the runs page follows from queued to failed without a reload.
 */
@QuarkusTest
@TestProfile(EmptyWarehousePagesTest.Profile.class)
class EmptyWarehousePagesTest {

    /** A warehouse of its own, left empty. */
    public static class Profile extends FreshWarehouseProfile {
    }

    @Test
    void theDashboardSaysNoDataYetInsteadOfDrawingEmptyCharts() throws Exception {
        try (BrowserSession page = BrowserSession.start()) {
            page.resize(1200, 700);
            page.open("/dashboard");
            page.awaitBody("rendered", "empty");
            assertThat(page.find("#empty").isDisplayed()).isTrue();
            assertThat(page.find("#empty h2").getText()).isEqualTo("No data yet");
            assertThat(page.find("#as-of").getText()).isEqualTo("no data yet");
            assertThat(page.find("#status").getText()).isEqualTo("waiting for the first build");
            assertThat(page.find("#tabs").isDisplayed()).isFalse();
            assertThat(page.find("main").isDisplayed()).isFalse();
            assertThat(page.findAll("canvas[role=img]")).as("no chart drawn").isEmpty();
            assertThat(page.javaScriptErrors()).isEmpty();
            page.screenshot("dashboard-empty.png");
            page.resize(360, 800);
            assertThat(page.horizontalOverflow()).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void theRunsPageShowsNoRunsThenFollowsABuildFromQueuedToFailed() throws Exception {
        try (BrowserSession page = BrowserSession.start()) {
            page.resize(1200, 1000);
            page.open("/runs-ui/");
            page.awaitBody("shown", "none");
            assertThat(page.find("#no-runs").isDisplayed()).isTrue();
            assertThat(page.find("#status").getText()).isEqualTo("No runs yet");

            // paused, the build waits as QUEUED, so the page is seen polling it through to its end
            given().post("/runs/pause").then().statusCode(200);
            String runId;
            try {
                runId = given().contentType(ContentType.JSON).body("{}").post("/runs").then().statusCode(202)
                        .extract().path("runId");
                page.open("/runs-ui/");
                page.awaitBody("shown", runId + ":QUEUED");
                assertThat(page.find("#status").getText()).isEqualTo("Run " + runId + ": QUEUED");
            } finally {
                given().post("/runs/resume").then().statusCode(200);
            }
            page.awaitBody("shown", runId + ":FAILED");
            assertThat(page.find("#status").getText()).isEqualTo("Run " + runId + ": FAILED");
            assertThat(page.find("#run-error").isDisplayed()).isTrue();
            assertThat(page.find("#run-error pre").getText()).contains("stg_events_deduped").contains("raw.events");
            assertThat(page.find("#models tr[data-model=stg_events_deduped]").getDomAttribute("class"))
                    .isEqualTo("failed");
            assertThat(page.find("#models tr[data-model=stg_events_deduped]").getText()).contains("FAILED")
                    .contains("raw.events");
            assertThat(page.findAll("#models tr.skipped")).as("every model downstream skipped")
                    .hasSize(page.findAll("#models tbody tr").size() - 1).isNotEmpty();
            assertThat(page.find("#runs tr[data-run-id='" + runId + "']").getDomAttribute("data-status"))
                    .isEqualTo("FAILED");
            assertThat(page.javaScriptErrors()).isEmpty();
            page.screenshot("runs-failed.png");
        }
    }
}
