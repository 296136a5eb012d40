package dev.estore.runner.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.embedded.duckdb.DuckDbDialect;
import dev.estore.shared.ports.SqlDialect;
import dev.estore.transform.project.ProjectLoader;
import dev.estore.transform.sql.Macros;
import dev.estore.transform.sql.SqlTemplate;
import dev.estore.transform.sql.TemplateContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;

/**
 * The shipped int_sessions model (fct_sessions' rows), run on DuckDB against a synthetic fct_events full of events
 * that share one instant right after a timeout, checked against {@link SessionsReference}. By the spec such events
 * have no gap between them, so they always land in the same session; random data rarely has them, and whether a
 * wrong reading shows depends on how a parallel engine orders ties, hence many sessions and several threads.
 */
class SessionTieOrderTest {

    private static final int SESSIONS = 10_000;

    @Test
    void eventsAtOneInstantAfterATimeoutShareOneSession() throws Exception {
        ModelVars vars = ModelVars.defaults();
        String model = new SqlTemplate("int_sessions.sql", resource("/models/intermediate/int_sessions.sql"))
                .render(context(vars));
        // The driver directly, not DriverManager: after a @QuarkusTest in the same JVM, DriverManager may hold only
        // a driver from Quarkus's class loader, which it will not hand to this class.
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                Statement statement = connection.createStatement()) {
            statement.execute("SET threads = 8");
            // Per session: one event, a timeout, eight events at one instant, a timeout, one event.
            statement.execute("""
                    CREATE TABLE fct_events AS
                    SELECT md5(sess || '-' || k) AS event_id,
                           TIMESTAMP '2020-01-01 00:00:00' + to_seconds(CASE WHEN k = 0 THEN 0 WHEN k <= 8 THEN 7200
                               ELSE 18000 END) AS event_time,
                           CASE WHEN k = 8 THEN 'purchase' ELSE 'view' END AS event_type,
                           CAST(k AS VARCHAR) AS product_id, '1' AS category_id,
                           CAST(NULL AS VARCHAR) AS category_code, CAST(NULL AS VARCHAR) AS brand,
                           CAST(1.50 AS DECIMAL(18, 2)) AS price, CAST(sess AS VARCHAR) AS user_id,
                           'tie-' || sess AS user_session,
                           CAST(TIMESTAMP '2020-01-01 00:00:00' AS DATE) AS event_date, 1 AS quantity,
                           CASE WHEN k = 8 THEN 1 ELSE 0 END AS is_purchase, 0 AS is_cart_add,
                           CASE WHEN k = 8 THEN 0 ELSE 1 END AS is_view,
                           CASE WHEN k = 8 THEN CAST(1.50 AS DECIMAL(18, 2)) END AS revenue
                    FROM range(%d) s(sess), range(10) e(k)
                    ORDER BY hash(sess, k)""".formatted(SESSIONS));
            List<Map<String, Object>> events = rows(statement, "SELECT * FROM fct_events");
            // fct_sessions' columns: int_sessions' without the key its own incremental builds join on
            List<Map<String, Object>> actual = rows(statement, "SELECT * EXCLUDE (user_session_key) FROM (" + model
                    + ")");

            List<Map<String, Object>> expected = SessionsReference.build(events.stream().map(Event::of).toList(), vars);
            assertThat(expected).hasSize(3 * SESSIONS);
            String differences = TableComparison.differences("fct_sessions", List.of("session_id"), expected, actual,
                    3);
            assertThat(differences).as("int_sessions.sql against the reference").isEmpty();
        }
    }

    private static TemplateContext context(ModelVars vars) {
        Map<String, String> values = Map.of(
                "session_timeout_seconds", Long.toString(vars.sessionTimeoutSeconds()),
                "session_outlier_ratio", Long.toString(vars.sessionOutlierRatio()),
                "churn_threshold_days", Integer.toString(vars.churnThresholdDays()),
                "at_risk_threshold_days", Integer.toString(vars.atRiskThresholdDays()),
                "declining_threshold_days", Integer.toString(vars.decliningThresholdDays()),
                "cohort_observation_window_days", Integer.toString(vars.cohortObservationWindowDays()));
        SqlDialect dialect = new DuckDbDialect();
        Macros macros = ProjectLoader.fromClasspath().macros();
        return new TemplateContext() {
            @Override
            public String ref(String model) {
                return model;
            }

            @Override
            public String source(String schema, String table) {
                return schema + "." + table;
            }

            @Override
            public String var(String name) {
                return values.get(name);
            }

            @Override
            public SqlDialect dialect() {
                return dialect;
            }

            @Override
            public Macros macros() {
                return macros;
            }
        };
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = SessionTieOrderTest.class.getResourceAsStream(path)) {
            assertThat(in).as("model file %s on the classpath", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Rows as maps, with TIMESTAMP as a UTC Instant and DATE as LocalDate, like the warehouse adapter. */
    private static List<Map<String, Object>> rows(Statement statement, String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            int columns = meta.getColumnCount();
            String[] labels = new String[columns + 1];
            String[] types = new String[columns + 1];
            for (int column = 1; column <= columns; column++) {
                labels[column] = meta.getColumnLabel(column);
                types[column] = meta.getColumnTypeName(column);
            }
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= columns; column++) {
                    String type = types[column];
                    Object value;
                    if (type.startsWith("TIMESTAMP")) {
                        LocalDateTime local = result.getObject(column, LocalDateTime.class);
                        value = local == null ? null : local.toInstant(ZoneOffset.UTC);
                    } else if (type.equals("DATE")) {
                        value = result.getObject(column, LocalDate.class);
                    } else {
                        value = result.getObject(column);
                    }
                    row.put(labels[column], value);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
