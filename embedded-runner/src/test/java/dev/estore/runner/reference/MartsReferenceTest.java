package dev.estore.runner.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.runner.fixture.SevenMonths;
import dev.estore.runner.fixture.SharedWarehouseProfile;
import dev.estore.shared.ports.Warehouse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every mart downstream of fct_events, checked row for row against {@link MartsReference}, a plain-Java reading
 * of models.md, on seven months of generated data and the boundary cases, built month by month ({@link SevenMonths}).
 */
@QuarkusTest
@TestProfile(SharedWarehouseProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MartsReferenceTest {

    private static final int SHOWN = 5;

    @Inject
    Warehouse warehouse;

    private Map<String, List<Map<String, Object>>> expected;

    @BeforeAll
    void runTheReferenceOnTheBuiltMarts() throws Exception {
        SevenMonths.built();
        expected = MartsReference.compute(warehouse.query("SELECT * FROM marts.fct_events"), ModelVars.defaults());
        // The boundary cases measure their days to this date.
        assertThat(warehouse.query("SELECT max(event_date) AS d FROM marts.fct_events").get(0).get("d"))
                .isEqualTo(BoundaryCases.LAST_DAY);
    }

    /** The reference itself reads the hand-written boundary cases as the spec says (independent of the SQL). */
    @Test
    void theReferenceReadsTheBoundaryCasesAsIntended() {
        Map<Object, Map<String, Object>> sessions = byKey("fct_sessions", "session_id");
        assertThat(sessions).containsKeys("edge-split", "edge-split_timeout_1", "edge-split_timeout_2",
                "edge-split_timeout_3").doesNotContainKey("edge-split_timeout_4");
        assertThat(sessions.get("edge-split")).containsEntry("event_count", 2L).containsEntry("session_length", 3600L);
        assertThat(sessions.get("edge-split_timeout_2")).containsEntry("event_count", 4L)
                .containsEntry("funnel_stage", "purchase");
        assertThat(sessions.get("edge-split_timeout_3"))
                .containsEntry("session_start_date", LocalDate.of(2020, 2, 4));
        assertThat(sessions.get("edge-shared")).containsEntry("user_id", "9");

        Map<Object, Map<String, Object>> users = byKey("dim_users", "user_id");
        assertThat(users.get("10")).containsEntry("session_count", 0L)
                .containsEntry("data_quality_flag", "missing_sessions");
        assertThat(users.get("9002")).containsEntry("data_quality_flag", "anomalous_session_ratio");
        assertThat(users.get("9003").get("data_quality_flag")).isNull();
        assertThat(users.get("9020").get("avg_order_value")).isEqualTo(new BigDecimal("0.02"));
        assertThat(users.get("9021").get("avg_order_value")).isEqualTo(new BigDecimal("0.08"));
        assertThat(users.get("9022").get("avg_order_value")).isEqualTo(new BigDecimal("1.00"));
        assertThat(users.get("9024").get("avg_order_value")).isEqualTo(new BigDecimal("0.63"));
        assertThat(users.get("9037")).containsEntry("customer_lifespan_days", 1L);
        assertThat(users.get("9050")).containsEntry("purchase_count", 1L).containsEntry("total_revenue", null)
                .containsEntry("avg_order_value", null);
        assertThat(users.get("9051").get("avg_order_value")).isEqualTo(new BigDecimal("4.00"));
        assertThat(List.of("9030", "9031", "9032", "9033", "9034", "9035", "9036").stream()
                .map(user -> users.get(user).get("activity_status")).toList())
                .containsExactly("active", "declining", "declining", "at_risk", "at_risk", "churned", "at_risk");

        Map<Object, Map<String, Object>> products = byKey("dim_products", "product_id");
        assertThat(products.get("11")).containsEntry("brand", "acme").containsEntry("category_id", "10");
        assertThat(products.get("12")).containsEntry("category_id", "9").containsEntry("category_code", "zeta.a");
        assertThat(products.get("13")).containsEntry("brand", "bolt").containsEntry("category_id", "12");
        assertThat(products.get("14").get("brand")).isNull();
        Map<Object, Map<String, Object>> categories = byKey("dim_categories", "raw_category_id");
        assertThat(categories.get("11")).containsEntry("category_lvl_4", "d");
        assertThat(categories.get("12").get("category_lvl_2")).isNull();
        assertThat(categories.get("10").get("category_code")).isNull();

        // customer 9041's first purchase is exactly the window before the newest first purchase: still eligible
        assertThat(expected.get("metrics_churn").get(0)).containsEntry("metric_level", "cohort_overall")
                .containsEntry("cohort_end", BoundaryCases.LAST_DAY.minusDays(90));
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
                .containsOnlyKeys("active", "declining", "at_risk", "churned", "prospect");
        assertThat(distinct("dim_users", "data_quality_flag"))
                .containsOnlyKeys("null", "missing_sessions", "anomalous_session_ratio");
    }

    @Test
    void userRfm() {
        assertMatches("dim_user_rfm");
        // NTILE's uneven buckets (the first n % 5 take one more) are only exercised when n % 5 is not 0.
        assertThat(expected.get("dim_user_rfm").size() % 5).isNotZero();
        Map<String, Long> segments = distinct("dim_user_rfm", "rfm_segment");
        System.out.println("RFM segments (reference): " + segments);
        // The data is rich enough for every rule to fire, so the comparison covers all nine segments.
        assertThat(segments).containsOnlyKeys("Champions", "At Risk", "Loyal Customers", "Potential Loyalists",
                "Recent Customers", "Promising", "About To Sleep", "Lost", "Needs Attention");
    }

    @Test
    void churn() {
        assertThat(expected.get("metrics_churn")).as("customers eligible for cohort churn").isNotEmpty();
        assertMatches("metrics_churn");
    }

    private void assertMatches(String table) {
        assertThat(warehouse.columnsOf("marts", table)).as("columns of marts.%s", table)
                .containsExactlyElementsOf(MartsReference.COLUMNS.get(table));
        List<Map<String, Object>> actual = warehouse.query("SELECT * FROM marts." + table);
        List<Map<String, Object>> want = expected.get(table);
        String differences = TableComparison.differences(table, MartsReference.KEYS.get(table), want, actual, SHOWN);
        assertThat(differences).as("marts.%s against the reference", table).isEmpty();
        assertThat(actual).as("marts.%s", table).hasSameSizeAs(want).isNotEmpty();
    }

    private Map<Object, Map<String, Object>> byKey(String table, String column) {
        return expected.get(table).stream().collect(Collectors.toMap(row -> row.get(column), row -> row));
    }

    /** How many reference rows hold each value of the column (NULL counted as "null"). */
    private Map<String, Long> distinct(String table, String column) {
        return expected.get(table).stream().collect(Collectors.groupingBy(
                row -> String.valueOf(row.get(column)), TreeMap::new, Collectors.counting()));
    }
}
