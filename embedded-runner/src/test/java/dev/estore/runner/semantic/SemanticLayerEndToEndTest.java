package dev.estore.runner.semantic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.estore.runner.fixture.HeadlessChromium;
import dev.estore.runner.fixture.OmniStandIn;
import dev.estore.runner.fixture.SevenMonths;
import dev.estore.runner.fixture.SharedWarehouseProfile;
import dev.estore.runner.fixture.TestFolders;
import dev.estore.runner.pipeline.RunSummary;
import dev.estore.semantic.findings.Findings;
import dev.estore.semantic.query.QueryRequest;
import dev.estore.semantic.query.SemanticQueryEngine;
import dev.estore.shared.ports.Warehouse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The semantic layer on generated data: every measure of the spec against a direct SQL computation written
 * independently (FILTER clauses and plain aggregates over the marts), fan-out safety, the findings, the HTTP API,
 * and the Omni stand-in refreshed after the build.
 */
@QuarkusTest
@TestProfile(SharedWarehouseProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SemanticLayerEndToEndTest {

    @Inject
    Warehouse warehouse;
    @Inject
    SemanticQueryEngine queries;
    @Inject
    dev.estore.runner.pipeline.EmbeddedPipeline pipeline;
    @Inject
    dev.estore.semantic.catalog.SemanticLayer layer;
    @Inject
    dev.estore.transform.build.BuildCoordinator coordinator;
    @Inject
    dev.estore.embedded.work.WorkInProgress work;

    RunSummary run;

    @BeforeAll
    void runThePipeline() throws Exception {
        run = SevenMonths.built().lastRun();
        assertThat(run.succeeded()).as("pipeline run: %s", run.failures()).isTrue();
    }

    @Test
    void everySessionsMeasureEqualsItsDirectComputation() {
        // avg_revenue_per_purchasing_session is "revenue / sessions with a purchase" (its description): a session
        // whose purchase has no price (one of the boundary cases) counts in the denominator, where AVG would skip it
        compareTotals("Sessions", """
                SELECT count(*) AS count, sum(event_count) AS total_events,
                  sum(reached_view) AS sessions_reached_view, sum(reached_cart) AS sessions_reached_cart,
                  sum(reached_purchase) AS sessions_reached_purchase,
                  count(*) FILTER (WHERE purchase_count > 0) AS converting_sessions,
                  count(*) FILTER (WHERE purchase_count > 0) / count(*) AS conversion_rate,
                  sum(total_revenue) AS total_revenue, sum(total_revenue) / count(*) AS revenue_per_session,
                  sum(reached_cart) / sum(reached_view) AS view_to_cart_rate,
                  sum(reached_purchase) / sum(reached_cart) AS cart_to_purchase_rate,
                  sum(total_revenue) / count(*) FILTER (WHERE purchase_count > 0)
                    AS avg_revenue_per_purchasing_session,
                  count(*) FILTER (WHERE event_count = 1) AS single_event_sessions,
                  count(*) FILTER (WHERE event_count = 1) / count(*) AS bounce_rate,
                  count(*) FILTER (WHERE reached_cart = 1 AND reached_purchase = 0) AS cart_abandoned_sessions,
                  count(*) FILTER (WHERE reached_cart = 1 AND reached_purchase = 0)
                    / count(*) FILTER (WHERE reached_cart = 1) AS cart_abandonment_rate
                FROM marts.fct_sessions""");
    }

    @Test
    void everyCustomersMeasureEqualsItsDirectComputation() {
        compareTotals("Customers", """
                SELECT count(*) AS count, sum(session_count) AS total_sessions, sum(event_count) AS total_events,
                  sum(total_revenue) AS sum_revenue, sum(total_revenue) / count(*) AS avg_revenue_per_user,
                  sum(purchase_count) AS total_purchases, avg(purchase_count) AS avg_purchase_count,
                  avg(session_count) AS avg_session_count, avg(customer_ltv) AS avg_ltv,
                  avg(avg_order_value) AS avg_aov,
                  count(*) FILTER (WHERE is_churned = 1) AS churned_user_count,
                  count(*) FILTER (WHERE is_churned = 1) / count(*) AS churn_rate,
                  avg(days_since_last_purchase) AS avg_days_since_last_purchase,
                  avg(customer_lifespan_days) AS avg_customer_lifespan,
                  count(*) FILTER (WHERE has_purchase_history) AS purchaser_count,
                  count(*) FILTER (WHERE has_purchase_history) / count(*) AS purchaser_rate
                FROM marts.dim_users""");
    }

    @Test
    void everyEventsMeasureEqualsItsDirectComputation() {
        compareTotals("Events", """
                SELECT count(*) AS count, count(*) FILTER (WHERE event_type = 'purchase') AS purchase_count,
                  count(*) FILTER (WHERE event_type = 'cart') AS cart_add_count,
                  count(*) FILTER (WHERE event_type = 'view') AS view_count,
                  count(*) FILTER (WHERE event_type = 'purchase') / count(*) AS purchase_rate,
                  count(*) FILTER (WHERE event_type = 'cart') / count(*) AS cart_add_rate,
                  sum(price) FILTER (WHERE event_type = 'purchase') AS revenue,
                  count(DISTINCT user_session) AS sessions,
                  count(*) FILTER (WHERE event_type = 'view') / count(DISTINCT user_session) AS views_per_session
                FROM marts.fct_events""");
    }

    @Test
    void customDimensionsGroupLikeTheirSpecDefinitions() {
        compareGroups(QueryRequest.of("Sessions", List.of("session_quality_tier"), List.of("count",
                "conversion_rate")), """
                SELECT CASE WHEN session_length < 150 OR event_count < 3 THEN 'Low'
                  WHEN session_length <= 600 AND event_count <= 10 THEN 'Medium' ELSE 'High' END AS session_quality_tier,
                  count(*) AS count, avg(CASE WHEN purchase_count > 0 THEN 1.0 ELSE 0 END) AS conversion_rate
                FROM marts.fct_sessions GROUP BY 1""");
        compareGroups(QueryRequest.of("Sessions", List.of("session_visit_type"), List.of("count")), """
                SELECT CASE WHEN rank = 1 THEN 'First session' ELSE 'Returning session' END AS session_visit_type,
                  count(*) AS count
                FROM (SELECT row_number() OVER (PARTITION BY user_id ORDER BY session_start_time, session_id) AS rank
                      FROM marts.fct_sessions) GROUP BY 1""");
        compareGroups(QueryRequest.of("Sessions", List.of("session_length_bucket", "user_purchase_history_group"),
                List.of("count")), """
                SELECT CASE WHEN s.session_length <= 60 THEN 'Very Short (0-60s)'
                  WHEN s.session_length <= 300 THEN 'Short (61-300s)' WHEN s.session_length <= 600
                  THEN 'Medium (301-600s)' ELSE 'Long (600+s)' END AS session_length_bucket,
                  CASE WHEN coalesce(u.purchase_count, 0) = 0 THEN 'Non-customers' WHEN u.purchase_count <= 5
                  THEN 'Repeat' ELSE 'Loyal' END AS user_purchase_history_group, count(*) AS count
                FROM marts.fct_sessions s LEFT JOIN marts.dim_users u ON u.user_id = s.user_id GROUP BY 1, 2""");
        compareGroups(QueryRequest.of("Customers", List.of("rfm_segment_inclusive", "customer_lifecycle_stage"),
                List.of("count")), """
                SELECT coalesce(r.rfm_segment, 'No RFM Score') AS rfm_segment_inclusive,
                  CASE WHEN u.purchase_count = 0 THEN 'Prospect' WHEN u.purchase_count = 1 THEN 'First-Time Buyer'
                  WHEN u.purchase_count BETWEEN 2 AND 5 THEN 'Repeat Customer' ELSE 'Loyal Customer' END
                    AS customer_lifecycle_stage, count(*) AS count
                FROM marts.dim_users u LEFT JOIN marts.dim_user_rfm r ON r.user_id = u.user_id GROUP BY 1, 2""");
        compareGroups(QueryRequest.of("Customers", List.of("avg_order_value_bin", "total_revenue_bin"),
                List.of("count")), """
                SELECT CASE WHEN avg_order_value IS NULL THEN 'No purchases' WHEN avg_order_value < 50 THEN '< 50'
                  WHEN avg_order_value < 100 THEN '50 - 99.99' WHEN avg_order_value < 200 THEN '100 - 199.99'
                  WHEN avg_order_value < 400 THEN '200 - 399.99' ELSE '400+' END AS avg_order_value_bin,
                  CASE WHEN total_revenue IS NULL THEN 'No purchases' WHEN total_revenue < 100 THEN '< 100'
                  WHEN total_revenue < 250 THEN '100 - 249.99' WHEN total_revenue < 500 THEN '250 - 499.99'
                  WHEN total_revenue < 1000 THEN '500 - 999.99' WHEN total_revenue < 2500 THEN '1000 - 2499.99'
                  ELSE '2500+' END AS total_revenue_bin, count(*) AS count
                FROM marts.dim_users GROUP BY 1, 2""");
        compareGroups(QueryRequest.of("Events", List.of("dim_products.category_lvl_1"), List.of("revenue",
                "purchase_rate", "views_per_session")), """
                SELECT p.category_lvl_1 AS "dim_products.category_lvl_1", sum(e.revenue) AS revenue,
                  avg(e.is_purchase) AS purchase_rate, sum(e.is_view) / count(DISTINCT e.user_session) AS views_per_session
                FROM marts.fct_events e LEFT JOIN marts.dim_products p ON p.product_id = e.product_id GROUP BY 1""");
    }

    @Test
    void joinedViewMeasuresAreNotInflatedByTheManySide() {
        QueryRequest request = QueryRequest.of("Sessions", List.of("funnel_stage"),
                List.of("dim_users.count", "dim_users.sum_revenue", "count"));
        String distinctUsers = """
                SELECT s.funnel_stage, count(*) AS "dim_users.count", sum(u.total_revenue) AS "dim_users.sum_revenue",
                  (SELECT count(*) FROM marts.fct_sessions f WHERE f.funnel_stage = s.funnel_stage) AS count
                FROM (SELECT DISTINCT funnel_stage, user_id FROM marts.fct_sessions) s
                JOIN marts.dim_users u ON u.user_id = s.user_id GROUP BY 1""";
        compareGroups(request, distinctUsers);
        // The naive join counts a user once per session: the check above would catch that inflation.
        Map<String, Object> naive = warehouse.query("SELECT count(u.user_id) AS users, "
                + "count(DISTINCT u.user_id) AS distinct_users FROM marts.fct_sessions s "
                + "JOIN marts.dim_users u ON u.user_id = s.user_id").get(0);
        assertThat(((Number) naive.get("users")).longValue())
                .isGreaterThan(((Number) naive.get("distinct_users")).longValue());
    }

    @Test
    void filtersAreBoundParametersAndNarrowTheRows() {
        var result = queries.run(QueryRequest.of("Sessions", List.of(), List.of("count")).withFilters(List.of(
                QueryRequest.Filter.of("funnel_stage", "in", "cart", "purchase"),
                QueryRequest.Filter.of("session_start_date", "gte", "2019-11-01"),
                QueryRequest.Filter.of("dim_users.rfm_segment_inclusive", "neq", "x'; DROP TABLE marts.fct_sessions; --"))));
        long expected = ((Number) warehouse.query("SELECT count(*) AS n FROM marts.fct_sessions WHERE funnel_stage "
                + "IN ('cart', 'purchase') AND session_start_date >= DATE '2019-11-01'").get(0).get("n")).longValue();
        assertThat(((Number) result.rows().get(0).get("count")).longValue()).isEqualTo(expected).isPositive();
        assertThat(result.sql()).doesNotContain("DROP TABLE").doesNotContain("2019-11-01");
        assertThat(result.parameters()).contains("x'; DROP TABLE marts.fct_sessions; --", "2019-11-01");
    }

    @Test
    void findingsAreComputedPrintedAndServed() {
        Findings findings = run.findings();
        assertThat(findings).as("findings of the run: %s", run.findingsError()).isNotNull();
        long customers = count("marts.dim_user_rfm");
        assertThat(findings.rfmSegments()).isNotEmpty();
        assertThat(findings.rfmSegments().stream().mapToLong(Findings.SegmentShare::customers).sum())
                .isEqualTo(customers);
        assertThat(findings.rfmSegments().stream().mapToDouble(Findings.SegmentShare::revenueShare).sum())
                .isCloseTo(1.0, within(1e-9));
        assertThat(findings.funnel().sessions()).isEqualTo(count("marts.fct_sessions"));
        assertThat(findings.funnel().byVisitType()).extracting(Findings.GroupConversion::group)
                .containsExactlyInAnyOrder("First session", "Returning session");
        assertThat(findings.funnel().byQualityTier()).isNotEmpty();
        assertThat(findings.churnBySegment()).isNotEmpty()
                .allSatisfy(segment -> assertThat(segment.avgOrderValue()).isNotNull());
        assertThat(findings.categories()).isNotEmpty();

        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        dev.estore.runner.pipeline.SummaryPrinter.printText(run, new java.io.PrintStream(printed, true));
        assertThat(printed.toString()).contains("Findings (through the semantic layer", "RFM segments",
                "cart abandonment", "Categories");

        given().get("/findings").then().statusCode(200)
                .body("funnel.sessions", equalTo((int) count("marts.fct_sessions")));
    }

    @Test
    void theQueryApiAnswersJsonCsvSqlAndRefusesBadQueriesByName() {
        given().get("/semantic/topics").then().statusCode(200).body("name", hasItem("Sessions"))
                .body("find { it.name == 'Customers' }.dimensions.name", hasItem("dim_users.rfm_segment_inclusive"))
                .body("find { it.name == 'Sessions' }.dimensions.find { it.name == 'fct_sessions.session_id' }"
                        + ".description", containsString("timeout"));
        Map<String, Object> query = Map.of("topic", "Sessions", "dimensions", List.of("funnel_stage"),
                "measures", List.of("count", "conversion_rate"), "sort",
                List.of(Map.of("field", "count", "direction", "desc")), "limit", 10);
        given().contentType(ContentType.JSON).body(query).post("/semantic/query").then().statusCode(200)
                .body("rows.size()", org.hamcrest.Matchers.greaterThan(0)).body("columns[0].field",
                        equalTo("funnel_stage"));
        given().contentType(ContentType.JSON).accept("text/csv").body(query).post("/semantic/query").then()
                .statusCode(200).body(org.hamcrest.Matchers.startsWith("funnel_stage,count,conversion_rate\r\n"));
        given().contentType(ContentType.JSON).body(query).post("/semantic/query/sql").then().statusCode(200)
                .body("sql", containsString("marts.fct_sessions"));
        given().contentType(ContentType.JSON).body(Map.of("topic", "Sessions", "measures", List.of("count",
                "no_such_measure"), "dimensions", List.of("nope"))).post("/semantic/query").then().statusCode(400)
                .body("error", containsString("no_such_measure")).body("error", containsString("nope"));
        given().contentType(ContentType.JSON).body(Map.of("topic", "Sessions", "measures", List.of("count"),
                "filters", List.of(Map.of("field", "event_count", "op", "like", "value", 1)))).post("/semantic/query")
                .then().statusCode(400).body("error", containsString("like"));
        given().contentType(ContentType.JSON).body(Map.of("topic", "Sessions", "measures", List.of("count"),
                "filters", List.of(Map.of("field", "event_count", "op", "gt", "value", "many"))))
                .post("/semantic/query").then().statusCode(400).body("error", containsString("event_count"))
                .body("error", containsString("many"));
    }

    @Test
    void semanticExportWritesExactlyTheFilesASyncPushesInOmnisFormat() throws Exception {
        Path out = TestFolders.create("estore-omni-export");
        int exit = new picocli.CommandLine(new dev.estore.runner.cli.SemanticCommand.Export(pipeline, layer))
                .execute("--out", out.toString());

        assertThat(exit).isZero();
        Map<String, String> pushed = dev.estore.semantic.omni.OmniModelFiles.of(layer.validate().catalog());
        assertThat(pushed).containsKeys("marts__fct_sessions.view", "marts__dim_users.view", "relationships");
        for (Map.Entry<String, String> file : pushed.entrySet()) {
            assertThat(out.resolve(file.getKey())).as(file.getKey()).hasContent(file.getValue());
        }
        String all = String.join("\n", pushed.values());
        assertThat(all).contains("aggregate_type: average").doesNotContain("aggregate_type: avg")
                .contains("join_from_view: marts__fct_sessions").contains("relationship_type: many_to_one");
        // the export the synced Omni stand-in received, file for file
        assertThat(SharedWarehouseProfile.OMNI.requests).filteredOn(r -> r.path().endsWith("/yaml")
                && r.body().contains("\"fileName\":\"relationships\"")).isNotEmpty();
    }

    @Test
    void omniGetsASchemaRefreshAndTheModelFilesAfterTheBuild() {
        List<OmniStandIn.Request> requests = SharedWarehouseProfile.OMNI.requests;
        String refresh = "/api/v1/models/" + SharedWarehouseProfile.OMNI_MODEL_ID + "/refresh";
        assertThat(requests).filteredOn(r -> r.path().equals(refresh)).isNotEmpty().allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.authorization()).isEqualTo("Bearer " + SharedWarehouseProfile.OMNI_API_KEY);
        });
        assertThat(requests).filteredOn(r -> r.path().endsWith("/yaml") && r.body().contains("marts__fct_sessions.view"))
                .isNotEmpty();
        given().get("/semantic/syncs").then().statusCode(200).body("valid", hasItem(true))
                .body("biRefreshed", hasItem(true));
    }

    @Test
    void everyBuildRefreshesOmniAgain() throws InterruptedException {
        String refresh = "/api/v1/models/" + SharedWarehouseProfile.OMNI_MODEL_ID + "/refresh";
        long before = SharedWarehouseProfile.OMNI.requests.stream().filter(r -> r.path().equals(refresh)).count();
        coordinator.submit(dev.estore.transform.build.BuildRequest.all("test:second-build"));
        assertThat(work.awaitIdle(Duration.ofMinutes(2))).isTrue();
        long after = SharedWarehouseProfile.OMNI.requests.stream().filter(r -> r.path().equals(refresh)).count();
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void aRepeatedQueryIsAnsweredFromTheCacheUntilTheNextSync() {
        QueryRequest request = QueryRequest.of("Sessions", List.of("fct_sessions.funnel_stage"),
                List.of("count", "conversion_rate"));
        var first = queries.run(request);
        var again = queries.run(request);

        assertThat(again.cached()).as("the same question before any new build").isTrue();
        assertThat(again.rows()).isEqualTo(first.rows());
        layer.validate(); // what the sync after every build does
        var afterSync = queries.run(request);
        assertThat(afterSync.cached()).as("asked again after a sync").isFalse();
        assertThat(afterSync.rows()).isEqualTo(first.rows());
        given().contentType("application/json").body("{\"topic\": \"Sessions\", \"measures\": [\"count\"]}")
                .post("/semantic/query").then().statusCode(200);
        given().contentType("application/json").body("{\"topic\": \"Sessions\", \"measures\": [\"count\"]}")
                .post("/semantic/query").then().statusCode(200).body("cached", org.hamcrest.Matchers.is(true));
    }

    @Test
    void theDashboardRendersChartsWithDataAndTheCategoryFilterChangesThem() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(HeadlessChromium.installed(), "SKIPPED: no headless browser "
                + "here (needs " + HeadlessChromium.BROWSER + " and " + HeadlessChromium.DRIVER + "; install with "
                + "apt-get install -y chromium chromium-driver, as .ci/run does)");
        org.openqa.selenium.chrome.ChromeDriver browser = HeadlessChromium.start(
                TestFolders.create("estore-chromium-profile")).orElseThrow();
        try {
            String base = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
            browser.get(base + "/dashboard");
            awaitRendered(browser, "overview:all");
            var tiles = browser.findElements(org.openqa.selenium.By.cssSelector("#kpis .kpi"));
            assertThat(tiles).extracting(tile -> tile.getDomAttribute("data-kpi")).containsExactly("revenue",
                    "dim_users.count", "sessions", "conversion_rate", "cart_abandonment_rate");
            assertThat(tiles).allSatisfy(tile -> assertThat(Double.parseDouble(tile.getDomAttribute("data-value")))
                    .isPositive());
            assertThat(browser.findElement(org.openqa.selenium.By.id("as-of")).getText()).startsWith("data as of 20")
                    .containsPattern("built 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(run-");
            assertChartsDrawn(browser, "chart-trend", "chart-conversion", "chart-stages");
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "dashboard-overview.png"),
                    browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));

            click(browser, "[data-tab=segments]");
            awaitRendered(browser, "segments:all");
            Map<String, String> before = chartTotals(browser, "chart-segments", "chart-churn");
            assertChartsDrawn(browser, "chart-segments", "chart-churn");
            String csv = java.net.URLDecoder.decode(browser.findElement(org.openqa.selenium.By.cssSelector(
                    "#tab-segments .card a.csv")).getDomAttribute("href").substring("data:text/csv;charset=utf-8,"
                    .length()), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(csv.lines().findFirst().orElseThrow()).contains("dim_users.rfm_segment_inclusive")
                    .contains("revenue");
            assertThat(csv.lines().count()).isGreaterThan(2);

            var options = browser.findElements(org.openqa.selenium.By.cssSelector("#category-filter option"));
            assertThat(options).hasSizeGreaterThan(2);
            String category = options.get(1).getDomAttribute("value");
            options.get(1).click();
            awaitRendered(browser, "segments:" + category);
            assertThat(chartTotals(browser, "chart-segments").get("chart-segments"))
                    .isNotEqualTo(before.get("chart-segments"));
            assertThat(java.net.URLDecoder.decode(browser.getCurrentUrl(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("the filter is kept in the URL").contains("category=" + category).contains("tab=segments");

            click(browser, "[data-tab=categories]");
            awaitRendered(browser, "categories:" + category);
            assertChartsDrawn(browser, "chart-categories");
            click(browser, "[data-tab=funnel]");
            awaitRendered(browser, "funnel:" + category);
            assertChartsDrawn(browser, "chart-funnel", "chart-abandonment");

            browser.navigate().refresh();
            awaitRendered(browser, "funnel:" + category);
            assertThat(browser.findElement(org.openqa.selenium.By.id("category-filter")).getDomProperty("value"))
                    .as("a reloaded link shows the same view").isEqualTo(category);

            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            click(browser, "[data-tab=overview]");
            awaitRendered(browser, "overview:" + category);
            Object overflow = browser.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("nothing wider than a phone's screen").isLessThanOrEqualTo(0);
            Path screenshot = Path.of("target", "dashboard-phone.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            assertThat(Files.size(screenshot)).isPositive();
        } finally {
            browser.quit();
        }
    }

    private static void click(org.openqa.selenium.WebDriver browser, String css) {
        browser.findElement(org.openqa.selenium.By.cssSelector(css)).click();
    }

    private static void assertChartsDrawn(org.openqa.selenium.WebDriver browser, String... charts) {
        chartTotals(browser, charts).forEach((chart, total) -> assertThat(Double.parseDouble(total))
                .as(chart + " total").isPositive());
        for (String chart : charts) {
            var container = browser.findElement(org.openqa.selenium.By.id(chart));
            assertThat(Integer.parseInt(container.getDomAttribute("data-rows"))).as(chart + " rows").isPositive();
            assertThat(container.findElement(org.openqa.selenium.By.tagName("canvas")).getSize().getHeight())
                    .as(chart + " drawn").isPositive();
        }
    }

    /** Waits until the page says it rendered this tab for this category ("overview:all", "segments:Electronics"). */
    private static void awaitRendered(org.openqa.selenium.WebDriver browser, String view) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!view.equals(browser.findElement(org.openqa.selenium.By.tagName("body"))
                .getDomAttribute("data-rendered"))) {
            assertThat(System.nanoTime()).as("dashboard rendered %s; status: %s", view,
                    browser.findElement(org.openqa.selenium.By.id("status")).getText()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static Map<String, String> chartTotals(org.openqa.selenium.WebDriver browser, String... charts) {
        Map<String, String> totals = new LinkedHashMap<>();
        for (String chart : charts) {
            totals.put(chart, browser.findElement(org.openqa.selenium.By.id(chart)).getDomAttribute("data-total"));
        }
        return totals;
    }

    private void compareTotals(String topic, String directSql) {
        Map<String, Object> expected = warehouse.query(directSql).get(0);
        var measures = List.copyOf(expected.keySet());
        Map<String, Object> actual = queries.run(QueryRequest.of(topic, List.of(), measures)).rows().get(0);
        for (String measure : measures) {
            assertNumber(topic + "." + measure, actual.get(measure), expected.get(measure));
        }
    }

    /** The first columns of the direct SQL are the dimensions (named as in the request), the rest measures. */
    private void compareGroups(QueryRequest request, String directSql) {
        List<Map<String, Object>> expected = warehouse.query(directSql);
        List<Map<String, Object>> actual = queries.run(request).rows();
        assertThat(actual).as(request.toString()).hasSameSizeAs(expected).isNotEmpty();
        Map<List<Object>, Map<String, Object>> byGroup = new LinkedHashMap<>();
        actual.forEach(row -> byGroup.put(request.dimensions().stream().map(row::get).toList(), row));
        for (Map<String, Object> row : expected) {
            List<Object> key = row.values().stream().limit(request.dimensions().size()).toList();
            Map<String, Object> found = byGroup.get(key);
            assertThat(found).as("group %s of %s", key, request).isNotNull();
            for (String measure : request.measures()) {
                assertNumber(key + " " + measure, found.get(measure), row.get(measure));
            }
        }
    }

    private static void assertNumber(String what, Object actual, Object expected) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).isNotNull();
        double a = ((Number) actual).doubleValue();
        double e = ((Number) expected).doubleValue();
        assertThat(a).as(what).isCloseTo(e, within(Math.max(1e-9, Math.abs(e) * 1e-12)));
    }

    private long count(String relation) {
        return ((Number) warehouse.query("SELECT count(*) AS n FROM " + relation).get(0).get("n")).longValue();
    }
}
