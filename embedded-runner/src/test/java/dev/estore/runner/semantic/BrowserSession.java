package dev.estore.runner.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.runner.fixture.HeadlessChromium;
import dev.estore.runner.fixture.TestFolders;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Headless Chromium on the test application's pages, with what the page tests keep asking: wait for a page to say
 * what it shows (a data attribute on body), the JavaScript errors it raised (uncaught errors and rejected
 * promises, recorded from before the page's own scripts run), a screenshot under target/, and whether anything is
 * wider than the window. Skips the test where no browser is installed.
 */
final class BrowserSession implements AutoCloseable {

    /** Collects uncaught errors in window.__errors, installed before any script of the page runs. */
    private static final String ERROR_RECORDER = "window.__errors = [];"
            + "window.addEventListener('error', e => window.__errors.push(String(e.message)));"
            + "window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));";

    final ChromeDriver browser;

    private BrowserSession(ChromeDriver browser) {
        this.browser = browser;
    }

    static BrowserSession start() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(), "SKIPPED: no headless browser here (needs "
                + HeadlessChromium.BROWSER + " and " + HeadlessChromium.DRIVER + "; install with apt-get install -y "
                + "chromium chromium-driver, as .ci/run does)");
        ChromeDriver browser = HeadlessChromium.start(TestFolders.create("estore-chromium-profile"))
                .orElseThrow();
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_RECORDER));
        return new BrowserSession(browser);
    }

    /** Adds a script that runs before the page's own ones on every page loaded from now on. */
    void beforeEveryPage(String script) {
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    void open(String path) {
        browser.get(RestAssured.baseURI + ":" + RestAssured.port + path);
    }

    /** Waits until body's data-{attribute} is {value}, naming what the page's status line says if it never is. */
    void awaitBody(String attribute, String value) throws InterruptedException {
        await(() -> value.equals(find("body").getDomAttribute("data-" + attribute)),
                () -> "body data-" + attribute + " = " + value + "; it is "
                        + find("body").getDomAttribute("data-" + attribute) + ", status: " + find("#status").getText());
    }

    void await(Supplier<Boolean> condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("waited for %s", what.get()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    @SuppressWarnings("unchecked")
    List<String> javaScriptErrors() {
        return (List<String>) browser.executeScript("return window.__errors || ['no error recorder']");
    }

    void resize(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
    }

    /** How many pixels the page is wider than the window (0 or less: nothing to scroll sideways). */
    long horizontalOverflow() {
        return ((Number) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
    }

    long viewportWidth() {
        return ((Number) browser.executeScript("return window.innerWidth")).longValue();
    }

    Path screenshot(String name) throws Exception {
        Path file = Files.createDirectories(Path.of("target")).resolve(name);
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(file)).as(file.toString()).isPositive();
        return file;
    }

    @Override
    public void close() {
        browser.quit();
    }
}
