package dev.estore.runner.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratorOptions;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.RunSummary;
import dev.estore.shared.ports.Warehouse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every mart downstream of fct_events, checked row for row against {@link MartsReference}, a plain-Java reading
 * of models.md, on seven months of generated data. Runs in its own application (and warehouse file).
 */
@QuarkusTest
@TestProfile(SeparateWarehouseProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MartsReferenceTest {

    private static final int SHOWN = 5;

    @Inject
    EmbeddedPipeline pipeline;
    @Inject
    Warehouse warehouse;

    private Map<String, List<Map<String, Object>>> expected;

    @BeforeAll
    void runThePipelineAndTheReference() throws Exception {
        Path bucket = Files.createDirectories(SeparateWarehouseProfile.root().resolve("reference-bucket"));
        new EventGenerator(new GeneratorOptions(40_000, 7, 11, bucket, false, YearMonth.of(2019, 10))).generate();
        RunSummary run = pipeline.run(List.of(bucket), Duration.ofMinutes(3));
        assertThat(run.succeeded()).as("pipeline run: %s", run).isTrue();
        assertThat(pipeline.warehouseFile()).startsWith(SeparateWarehouseProfile.root());

        expected = MartsReference.compute(warehouse.query("SELECT * FROM marts.fct_events"), ModelVars.defaults());
    }

    @Test
    void sessions() {
        assertMatches("fct_sessions");
        assertThat(distinct("fct_sessions", "funnel_stage")).containsKeys("view", "cart", "purchase");
        assertThat(expected.get("fct_sessions")).anySatisfy(
                session -> assertThat((String) session.get("session_id")).contains("_timeout_"));
    }

    @Test
    void categories() {
        assertMatches("dim_categories");
    }

    @Test
    void products() {
        assertMatches("dim_products");
    }

    @Test
    void users() {
        assertMatches("dim_users");
        assertThat(distinct("dim_users", "activity_status"))
                .containsKeys("active", "declining", "at_risk", "churned", "prospect");
    }

    @Test
    void userRfm() {
        assertMatches("dim_user_rfm");
        Map<Object, Long> segments = distinct("dim_user_rfm", "rfm_segment");
        System.out.println("RFM segments (reference): " + segments);
        // The data is rich enough for most rules to fire, so the comparison is not only about one segment.
        assertThat(segments).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void churn() {
        assertThat(expected.get("metrics_churn")).as("customers eligible for cohort churn").isNotEmpty();
        assertMatches("metrics_churn");
    }

    private void assertMatches(String table) {
        assertThat(warehouse.columnsOf("marts", table)).as("columns of marts.%s", table)
                .containsExactlyInAnyOrderElementsOf(MartsReference.COLUMNS.get(table));
        List<Map<String, Object>> actual = warehouse.query("SELECT * FROM marts." + table);
        List<Map<String, Object>> want = expected.get(table);
        String differences = TableComparison.differences(table, MartsReference.KEYS.get(table), want, actual, SHOWN);
        assertThat(differences).as("marts.%s against the reference", table).isEmpty();
        assertThat(actual).as("marts.%s", table).hasSameSizeAs(want).isNotEmpty();
    }

    private Map<Object, Long> distinct(String table, String column) {
        return expected.get(table).stream().collect(Collectors.groupingBy(
                row -> String.valueOf(row.get(column)), TreeMap::new, Collectors.counting()))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                        (a, b) -> a, TreeMap::new));
    }
}
