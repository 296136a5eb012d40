package dev.estore.runner.semantic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.estore.runner.fixture.SevenMonths;
import dev.estore.runner.fixture.SharedWarehouseProfile;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The transform service's runs page (/runs-ui) in headless Chromium on the shared warehouse's real runs: reached
 * from the dashboard's Runs link, the history as GET /runs has it, a run chosen with the keyboard and its models
 * and tests, at a desktop's and a phone's width; and how a failed data test is shown.
 */
@QuarkusTest
@TestProfile(SharedWarehouseProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunsPageTest {

    RunRecord lastMonth;

    @BeforeAll
    void build() throws Exception {
        lastMonth = SevenMonths.built().lastRun().lastBuild();
        assertThat(lastMonth.status()).isEqualTo(RunRecord.Status.SUCCESS);
    }

    @Test
    void theHistoryAndARunChosenWithTheKeyboardShowTheRunsModelsAndTestsOnADesktopAndAPhone() throws Exception {
        List<String> ids = given().get("/runs").jsonPath().getList("runId");
        String newestStatus = given().get("/runs").jsonPath().getString("[0].status");
        assertThat(ids).contains(lastMonth.runId());
        try (BrowserSession page = BrowserSession.start()) {
            page.resize(1400, 1000);
            page.open("/dashboard");
            page.find("header nav a").click();
            page.awaitBody("shown", ids.get(0) + ":" + newestStatus);
            assertThat(page.browser.getCurrentUrl()).as("the dashboard's Runs link").contains("/runs-ui/");
            assertThat(page.findAll("#runs tbody tr")).extracting(row -> row.getDomAttribute("data-run-id"))
                    .containsExactlyElementsOf(ids);

            WebElement link = page.find("#runs tr[data-run-id='" + lastMonth.runId() + "'] a");
            link.sendKeys(Keys.ENTER);
            page.awaitBody("shown", lastMonth.runId() + ":SUCCESS");
            assertThat(page.browser.getCurrentUrl()).endsWith("?run=" + lastMonth.runId());
            assertThat(page.find("#runs tr[data-run-id='" + lastMonth.runId() + "'] a").getDomAttribute("aria-current"))
                    .isEqualTo("true");
            assertThat(page.browser.switchTo().activeElement().getDomAttribute("id"))
                    .as("focus moves to the chosen run").isEqualTo("run-detail");
            assertThat(page.find("#status").getText()).isEqualTo("Run " + lastMonth.runId() + ": SUCCESS");

            List<WebElement> models = page.findAll("#models tbody tr");
            assertThat(models).extracting(row -> row.getDomAttribute("data-model"))
                    .containsExactlyElementsOf(lastMonth.models().stream().map(ModelRun::model).toList());
            for (int i = 0; i < models.size(); i++) {
                ModelRun expected = lastMonth.models().get(i);
                WebElement row = models.get(i);
                assertThat(row.findElement(org.openqa.selenium.By.cssSelector("[data-rows]")).getDomAttribute(
                        "data-rows")).as(expected.model()).isEqualTo(String.valueOf(expected.rows()));
                assertThat(row.getText()).as(expected.model()).contains("BUILT").contains(expected.mode())
                        .contains(expected.tests().isEmpty() ? "none"
                                : expected.tests().size() + " of " + expected.tests().size());
            }
            int tests = lastMonth.tests().size();
            assertThat(tests).isPositive();
            assertThat(page.find("#tests caption").getText())
                    .isEqualTo(tests + " data tests, 0 failed, failures first");
            assertThat(page.findAll("#tests tbody tr")).hasSize(tests)
                    .allSatisfy(row -> assertThat(row.getDomAttribute("data-result")).isEqualTo("PASSED"));
            assertThat(page.find("#run-summary").getText()).contains("SUCCESS").contains("all models");
            assertThat(page.find("#run-error").isDisplayed()).isFalse();
            page.screenshot("runs-desktop.png");

            page.resize(360, 800);
            assertThat(page.viewportWidth()).as("the window is a phone's width").isLessThanOrEqualTo(360);
            assertThat(page.horizontalOverflow()).as("nothing wider than a phone's screen").isLessThanOrEqualTo(0);
            page.screenshot("runs-phone.png");
            assertThat(page.javaScriptErrors()).isEmpty();
        }
    }

    @Test
    void aFailedDataTestComesFirstAndIsMarkedInWordsNotOnlyColour() throws Exception {
        // every build of the shared warehouse must pass, so the page is given the last month's real run with one
        // test turned into a failure: what is checked is how the page shows it
        ObjectNode run = (ObjectNode) new ObjectMapper().readTree(given().get("/runs/" + lastMonth.runId()).asString());
        int tested = lastMonth.models().size() - 1;
        while (lastMonth.models().get(tested).tests().isEmpty()) {
            tested--;
        }
        ModelRun model = lastMonth.models().get(tested);
        ObjectNode failing = (ObjectNode) run.at("/models/" + tested + "/tests/0");
        String failingTest = failing.get("test").asText();
        failing.put("passed", false).put("failingRows", 3);
        failing.putArray("sampleRows").addObject().put("event_id", "e-42");
        String answer = new ObjectMapper().writeValueAsString(run.toString());
        try (BrowserSession page = BrowserSession.start()) {
            page.beforeEveryPage("const realFetch = window.fetch; window.fetch = (url, options) => String(url) === '/runs/"
                    + lastMonth.runId() + "' ? Promise.resolve(new Response(" + answer + ", {status: 200, headers: "
                    + "{'Content-Type': 'application/json'}})) : realFetch(url, options);");
            page.open("/runs-ui?run=" + lastMonth.runId());
            page.awaitBody("shown", lastMonth.runId() + ":SUCCESS");

            WebElement first = page.find("#tests tbody tr");
            assertThat(first.getDomAttribute("data-result")).isEqualTo("FAILED");
            assertThat(first.getDomAttribute("class")).isEqualTo("failed");
            assertThat(first.getText()).contains("FAILED").contains(failingTest).contains("3").contains("e-42");
            assertThat(page.find("#tests caption").getText())
                    .isEqualTo(lastMonth.tests().size() + " data tests, 1 failed, failures first");
            assertThat(page.find("#models tr[data-model='" + model.model() + "'] td.failing").getText())
                    .isEqualTo((model.tests().size() - 1) + " of " + model.tests().size());
            assertThat(page.find("#status").getText()).endsWith(": SUCCESS, 1 failed tests");

            page.find("#only-failures").click();
            assertThat(page.findAll("#tests tbody tr")).hasSize(1);
            assertThat(page.javaScriptErrors()).isEmpty();
        }
    }
}
