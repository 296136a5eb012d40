package dev.estore.gcp.bigquery.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLType.TypeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The partition-filter check finds full scans of a partitioned table in resolved statements, not in text. */
class PartitionFiltersTest {

    static final Map<String, String> PARTITIONED = Map.of("events", "event_date");

    final BigQuerySqlAnalyzer analyzer = new BigQuerySqlAnalyzer();

    PartitionFiltersTest() {
        Map<String, com.google.zetasql.Type> columns = new LinkedHashMap<>();
        columns.put("event_date", TypeFactory.createSimpleType(TypeKind.TYPE_DATE));
        columns.put("user_id", TypeFactory.createSimpleType(TypeKind.TYPE_STRING));
        analyzer.put("p.d.events", columns, null);
        analyzer.put("p.d.events__audit", columns, null);
        analyzer.put("p.d.users", Map.of("user_id", TypeFactory.createSimpleType(TypeKind.TYPE_STRING)), null);
    }

    List<String> unfiltered(String sql) {
        return PartitionFilters.unfiltered(analyzer.analyze(sql, List.of()), PARTITIONED);
    }

    @Test
    void aConstantComparisonOnThePartitionColumnInEveryBranchFiltersTheScan() {
        assertThat(unfiltered("SELECT user_id FROM `p.d.events` WHERE event_date = DATE '2019-10-01'")).isEmpty();
        assertThat(unfiltered("SELECT user_id FROM `p.d.events` WHERE (event_date BETWEEN DATE '2019-10-01' AND "
                + "DATE '2019-10-03' OR event_date = DATE '2019-10-09') AND user_id IS NOT NULL")).isEmpty();
        assertThat(unfiltered("DELETE FROM `p.d.events__audit` WHERE event_date >= DATE '2019-10-01'")).isEmpty();
    }

    @Test
    void aScanWithoutOneIsFoundWhereverItHides() {
        assertThat(unfiltered("SELECT user_id FROM `p.d.events` WHERE user_id IN ('a')")).containsExactly("events");
        assertThat(unfiltered("SELECT user_id FROM `p.d.events` WHERE event_date = DATE '2019-10-01' OR "
                + "user_id = 'a'")).as("one branch of the OR does not filter").containsExactly("events");
        assertThat(unfiltered("SELECT u.user_id FROM `p.d.users` AS u WHERE u.user_id IN (SELECT user_id FROM "
                + "`p.d.events`)")).as("in a subquery").containsExactly("events");
        assertThat(unfiltered("DELETE FROM `p.d.events__audit` WHERE user_id = 'a'"))
                .as("an audit copy is its table").containsExactly("events");
    }

    @Test
    void whatReadsNoPartitionIsNotCounted() {
        assertThat(unfiltered("SELECT count(*) AS n FROM `p.d.events`")).as("answered from metadata").isEmpty();
        assertThat(unfiltered("INSERT INTO `p.d.events` (event_date, user_id) SELECT DATE '2019-10-01', user_id "
                + "FROM `p.d.users`")).as("an insert's target").isEmpty();
        assertThat(unfiltered("CREATE OR REPLACE TABLE `p.d.events__audit` COPY `p.d.events`")).isEmpty();
    }
}
