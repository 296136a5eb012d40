package dev.estore.gcp.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLType.TypeKind;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway;
import dev.estore.gcp.bigquery.offline.AnalyzingBigQueryGateway.SentQuery;
import dev.estore.gcp.bigquery.offline.BigQuerySqlAnalyzer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sessions an earlier instance left open inside a transaction are aborted at startup, in valid GoogleSQL. */
class StaleSessionsOfflineTest {

    @Test
    void activeSessionsOlderThanTheSettingAreAbortedOneByOne() {
        BigQuerySqlAnalyzer analyzer = new BigQuerySqlAnalyzer();
        analyzer.put("region-eu.INFORMATION_SCHEMA.SESSIONS_BY_USER", Map.of(
                "session_id", TypeFactory.createSimpleType(TypeKind.TYPE_STRING),
                "creation_time", TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP),
                "last_modified_time", TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP),
                "is_active", TypeFactory.createSimpleType(TypeKind.TYPE_BOOL)), null);
        AnalyzingBigQueryGateway gateway = new AnalyzingBigQueryGateway(analyzer);
        gateway.respondWith((sql, row) -> sql.contains("SESSIONS_BY_USER")
                ? List.of(Map.of("session_id", "CgwKCnByb2plY3QtMRIQ"), Map.of("session_id", "it's-2"))
                : List.of());
        BigQueryWarehouse warehouse = new BigQueryWarehouse(gateway, new Datasets("p", "estore_"), "EU");

        List<String> aborted = new StaleSessions(warehouse, "EU", Duration.ofMinutes(15)).abort();

        assertThat(aborted).containsExactly("CgwKCnByb2plY3QtMRIQ", "it's-2");
        List<SentQuery> sent = gateway.sent();
        assertThat(sent.get(0).sql()).contains("`region-eu.INFORMATION_SCHEMA.SESSIONS_BY_USER`")
                .contains("is_active").as("idle, not merely old: a long live transaction keeps its session")
                .contains("last_modified_time <");
        assertThat(sent.get(0).parameters()).singleElement()
                .satisfies(parameter -> assertThat(parameter.getValue()).isEqualTo("900"));
        assertThat(sent.subList(1, sent.size())).extracting(SentQuery::sql).containsExactly(
                "CALL BQ.ABORT_SESSION('CgwKCnByb2plY3QtMRIQ')", "CALL BQ.ABORT_SESSION('it\\'s-2')");
        assertThat(sent).allSatisfy(query -> assertThat(query.sessionId()).as("not inside a session").isNull());
    }
}
