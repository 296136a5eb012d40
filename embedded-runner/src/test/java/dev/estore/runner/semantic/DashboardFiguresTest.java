package dev.estore.runner.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.estore.runner.fixture.SevenMonths;
import dev.estore.runner.fixture.SharedWarehouseProfile;
import dev.estore.shared.ports.Warehouse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * What the dashboard shows, read from the page in headless Chromium, against SQL written directly on the marts
 * (not through the semantic layer): the KPI tiles of a month and of the month before it, and the daily and weekly
 * revenue, sessions and conversion. Then what a screen-reader or keyboard user gets: every chart an image with a
 * description and a table holding the numbers of its CSV, the tiles as text, the tabs operated with the arrow keys
 * and a visible focus.
 */
@QuarkusTest
@TestProfile(SharedWarehouseProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardFiguresTest {

    /** December 2019, 31 days, and the 31 days before it that the tiles compare with. */
    static final String FROM = "2019-12-01";
    static final String TO = "2019-12-31";
    static final String PREVIOUS_FROM = "2019-10-31";
    static final String PREVIOUS_TO = "2019-11-30";

    @Inject
    Warehouse warehouse;

    BrowserSession page;

    @BeforeAll
    void buildAndOpenABrowser() throws Exception {
        assertThat(SevenMonths.built().lastRun().succeeded()).isTrue();
        page = BrowserSession.start();
    }

    @AfterAll
    void closeTheBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void theKpiTilesEqualDirectSqlForThePeriodAndThePeriodBefore() throws Exception {
        page.open("/dashboard?tab=overview&from=" + FROM + "&to=" + TO);
        page.awaitBody("rendered", "overview:all");

        Map<String, Object> now = kpisBySql(FROM, TO);
        Map<String, Object> before = kpisBySql(PREVIOUS_FROM, PREVIOUS_TO);
        List<WebElement> tiles = page.findAll("#kpis .kpi");
        assertThat(tiles).extracting(tile -> tile.getDomAttribute("data-kpi")).containsExactlyElementsOf(now.keySet());
        for (WebElement tile : tiles) {
            String kpi = tile.getDomAttribute("data-kpi");
            assertClose(kpi, tile.getDomAttribute("data-value"), now.get(kpi));
            assertClose(kpi + " of the previous period", tile.getDomAttribute("data-previous"), before.get(kpi));
        }
        assertThat(page.find("#kpis [data-kpi=sessions] .value").getText())
                .isEqualTo(String.format(java.util.Locale.US, "%,d", ((Number) now.get("sessions")).longValue()));
        assertThat(page.find("#kpis [data-kpi=sessions] .change").getText()).endsWith("vs previous 31 days");
        assertThat(page.javaScriptErrors()).isEmpty();
    }

    @Test
    void theDailyAndWeeklySeriesEqualDirectSql() throws Exception {
        for (String grain : List.of("day", "week")) {
            page.open("/dashboard?tab=overview&from=" + FROM + "&to=" + TO + "&grain=" + grain);
            page.awaitBody("rendered", "overview:all");
            ChartTable table = ChartTable.read(page, "chart-trend");
            assertThat(table.columns()).containsExactly("date", "revenue", "sessions", "converting_sessions",
                    "conversion_rate");
            List<Map<String, Object>> expected = seriesBySql(grain);
            assertThat(table.rows()).as("%s rows", grain).hasSameSizeAs(expected).isNotEmpty();
            for (int i = 0; i < expected.size(); i++) {
                Map<String, Object> want = expected.get(i);
                List<String> got = table.rows().get(i);
                String what = grain + " " + want.get("day");
                assertThat(got.get(0)).as(what).isEqualTo(want.get("day"));
                assertClose(what + " revenue", got.get(1), want.get("revenue"));
                assertClose(what + " sessions", got.get(2), want.get("sessions"));
                assertClose(what + " converting sessions", got.get(3), want.get("converting"));
                assertClose(what + " conversion", got.get(4), want.get("conversion"));
            }
            assertThat(ChartTable.read(page, "chart-conversion").rows()).as("the conversion chart's table")
                    .isEqualTo(table.rows());
        }
    }

    @Test
    void everyChartIsADescribedImageWithATableOfItsCsvNumbersAndTheTabsAnswerTheArrowKeys() throws Exception {
        page.resize(1400, 1000);
        page.open("/dashboard");
        page.awaitBody("rendered", "overview:all");
        assertThat(page.find("#kpis").getTagName()).isEqualTo("dl");
        assertThat(page.findAll("#kpis .kpi dt")).extracting(WebElement::getText)
                .containsExactly("Revenue", "Customers", "Sessions", "Conversion", "Cart abandonment");
        assertThat(page.findAll("#kpis .kpi dd.value")).extracting(WebElement::getText)
                .allSatisfy(value -> assertThat(value).matches("[$0-9.,%]+"));
        assertChartsAccessible("chart-trend", "chart-conversion", "chart-stages");

        page.browser.executeScript("document.getElementById('tab-button-overview').focus()");
        pressOnFocusedTab(Keys.ARROW_RIGHT, "segments");
        assertThat(page.browser.executeScript("return getComputedStyle(document.activeElement).outlineStyle"))
                .as("the focused tab shows its focus").isEqualTo("solid");
        assertThat(page.findAll("[role=tab]")).extracting(tab -> tab.getDomAttribute("tabindex"))
                .as("one tab stop: the selected tab").containsExactly("-1", "0", "-1", "-1");
        assertThat(page.find("#tab-segments").getDomAttribute("aria-labelledby")).isEqualTo("tab-button-segments");
        assertChartsAccessible("chart-segments", "chart-churn");
        pressOnFocusedTab(Keys.ARROW_RIGHT, "funnel");
        assertChartsAccessible("chart-funnel", "chart-abandonment");
        pressOnFocusedTab(Keys.END, "categories");
        assertChartsAccessible("chart-categories");
        pressOnFocusedTab(Keys.ARROW_RIGHT, "overview");
        pressOnFocusedTab(Keys.ARROW_LEFT, "categories");
        pressOnFocusedTab(Keys.HOME, "overview");
        assertThat(page.javaScriptErrors()).isEmpty();
    }

    private void pressOnFocusedTab(Keys key, String tab) throws InterruptedException {
        page.browser.switchTo().activeElement().sendKeys(key);
        page.awaitBody("rendered", tab + ":all");
        assertThat(page.browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("tab-button-" + tab);
        assertThat(page.find("#tab-button-" + tab).getDomAttribute("aria-selected")).isEqualTo("true");
    }

    /** The canvas is an image named after its card's title; its table has the chart's rows, as in its CSV. */
    private void assertChartsAccessible(String... charts) {
        for (String chart : charts) {
            WebElement container = page.find("#" + chart);
            String title = page.browser.executeScript(
                    "return arguments[0].closest('.card').querySelector('h2').firstChild.textContent.trim()",
                    container).toString();
            WebElement canvas = container.findElement(org.openqa.selenium.By.tagName("canvas"));
            assertThat(canvas.getDomAttribute("role")).as(chart).isEqualTo("img");
            assertThat(canvas.getDomAttribute("aria-label")).as(chart).startsWith(title + ": ")
                    .contains(container.getDomAttribute("data-rows") + " rows");
            ChartTable table = ChartTable.read(page, chart);
            assertThat(table.caption()).as(chart).startsWith(title);
            assertThat(table.rows()).as(chart + " table rows").hasSize(
                    Integer.parseInt(container.getDomAttribute("data-rows"))).isNotEmpty();
            String href = page.browser.executeScript(
                    "return arguments[0].closest('.card').querySelector('a.csv').href", container).toString();
            List<List<String>> csv = Csv.parse(URLDecoder.decode(href.substring(href.indexOf(',') + 1),
                    StandardCharsets.UTF_8));
            assertThat(csv.get(0)).as(chart + " CSV header").isEqualTo(table.columns());
            assertThat(table.rows()).as(chart + ": the table holds the CSV's numbers").isEqualTo(csv.subList(1,
                    csv.size()));
        }
    }

    private Map<String, Object> kpisBySql(String from, String to) {
        Map<String, Object> kpis = new java.util.LinkedHashMap<>(warehouse.query("""
                SELECT sum(e.price) FILTER (WHERE e.event_type = 'purchase') AS revenue,
                  count(DISTINCT u.user_id) AS "dim_users.count", count(DISTINCT e.user_session) AS sessions
                FROM marts.fct_events e LEFT JOIN marts.dim_users u ON u.user_id = e.user_id
                WHERE e.event_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)""", from, to).get(0));
        kpis.putAll(warehouse.query("""
                SELECT count(*) FILTER (WHERE purchase_count > 0) / count(*) AS conversion_rate,
                  count(*) FILTER (WHERE reached_cart = 1 AND reached_purchase = 0)
                    / count(*) FILTER (WHERE reached_cart = 1) AS cart_abandonment_rate
                FROM marts.fct_sessions
                WHERE session_start_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)""", from, to).get(0));
        return kpis;
    }

    /** Revenue by event day and sessions by start day in the period, per day or per ISO week (Monday). */
    private List<Map<String, Object>> seriesBySql(String grain) {
        String bucket = grain.equals("week") ? "date_trunc('week', %s)" : "%s";
        return warehouse.query("""
                WITH revenue AS (
                  SELECT CAST(%s AS DATE) AS day, sum(price) FILTER (WHERE event_type = 'purchase') AS revenue
                  FROM marts.fct_events WHERE event_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) GROUP BY 1),
                sessions AS (
                  SELECT CAST(%s AS DATE) AS day, count(*) AS sessions,
                    count(*) FILTER (WHERE purchase_count > 0) AS converting
                  FROM marts.fct_sessions WHERE session_start_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
                  GROUP BY 1)
                SELECT CAST(coalesce(r.day, s.day) AS VARCHAR) AS day,
                  -- a day with sessions and no event row has revenue 0 on the page; a week adds its days up
                  CASE WHEN r.day IS NULL THEN 0 ELSE %s END AS revenue,
                  coalesce(s.sessions, 0) AS sessions, coalesce(s.converting, 0) AS converting,
                  coalesce(s.converting / s.sessions, 0) AS conversion
                FROM revenue r FULL JOIN sessions s ON s.day = r.day ORDER BY 1"""
                .formatted(bucket.formatted("event_date"), bucket.formatted("session_start_date"),
                        grain.equals("week") ? "coalesce(r.revenue, 0)" : "r.revenue"),
                FROM, TO, FROM, TO);
    }

    private static void assertClose(String what, String shown, Object expected) {
        if (expected == null) {
            assertThat(shown).as(what).isIn("", null);
            return;
        }
        assertThat(shown).as(what).isNotBlank();
        double want = ((Number) expected).doubleValue();
        assertThat(Double.parseDouble(shown)).as(what).isCloseTo(want, within(Math.max(1e-9, Math.abs(want) * 1e-9)));
    }

    /** A chart's table alternative as the page holds it: column keys and each cell's unformatted value. */
    record ChartTable(String caption, List<String> columns, List<List<String>> rows) {

        @SuppressWarnings("unchecked")
        static ChartTable read(BrowserSession page, String chart) {
            Map<String, Object> table = (Map<String, Object>) page.browser.executeScript("""
                    const table = document.querySelector('details.table-alt table[data-chart="' + arguments[0] + '"]');
                    if (!table) return null;
                    return {caption: table.caption.textContent,
                      columns: [...table.tHead.rows[0].cells].map(cell => cell.dataset.column),
                      rows: [...table.tBodies[0].rows].map(row => [...row.cells].map(cell => cell.dataset.value))};""",
                    chart);
            assertThat(table).as("the table alternative of " + chart).isNotNull();
            return new ChartTable((String) table.get("caption"), (List<String>) table.get("columns"),
                    (List<List<String>>) table.get("rows"));
        }
    }

    /** The dashboard's CSV: comma-separated, fields with a comma, quote or newline in double quotes. */
    static final class Csv {

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            row.add(field.toString());
            rows.add(row);
            return rows;
        }

        private Csv() {
        }
    }
}
