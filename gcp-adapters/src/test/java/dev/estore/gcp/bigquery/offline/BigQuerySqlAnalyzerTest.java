package dev.estore.gcp.bigquery.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLType.TypeKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline analyzer has teeth: DuckDB spellings, unknown tables and columns fail with the statement. */
class BigQuerySqlAnalyzerTest {

    final BigQuerySqlAnalyzer analyzer = new BigQuerySqlAnalyzer();

    @Test
    void rejectsWhatBigQueryWouldRejectNamingTheStatement() {
        analyzer.put("p.d.t", Map.of("d", TypeFactory.createSimpleType(TypeKind.TYPE_DATE)), null);

        assertThatThrownBy(() -> analyzer.analyze("SELECT date_diff('day', d, d) AS days FROM `p.d.t`", List.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ZetaSQL rejects this statement")
                .hasMessageContaining("SELECT date_diff('day', d, d) AS days FROM `p.d.t`");
        assertThatThrownBy(() -> analyzer.analyze("SELECT CAST(d AS VARCHAR) FROM `p.d.t`", List.of()))
                .hasMessageContaining("VARCHAR");
        assertThatThrownBy(() -> analyzer.analyze("SELECT nope FROM `p.d.t`", List.of()))
                .hasMessageContaining("Unrecognized name: nope");
        assertThatThrownBy(() -> analyzer.analyze("SELECT * FROM `p.d.missing`", List.of()))
                .hasMessageContaining("Table not found");
        assertThatThrownBy(() -> analyzer.analyze("SELECT ? + 1 FROM `p.d.t`", List.of()))
                .hasMessageContaining("ZetaSQL rejects");
    }

    @Test
    void analyzesTheCallThatEndsASession() {
        analyzer.analyze("CALL BQ.ABORT_SESSION()", List.of());

        assertThat(analyzer.analyzed()).containsExactly("CALL BQ.ABORT_SESSION()");
    }

    @Test
    void tracksTheTablesItsDdlCreatesCopiesAndDrops() {
        analyzer.analyze("CREATE OR REPLACE TABLE `p.d.a` PARTITION BY day CLUSTER BY n AS SELECT DATE '2019-10-01' "
                + "AS day, 1 AS n", List.of());
        analyzer.analyze("CREATE OR REPLACE TABLE `p.d.b` COPY `p.d.a`", List.of());
        analyzer.analyze("CREATE OR REPLACE VIEW `p.d.v` AS\nSELECT n FROM `p.d.b`", List.of());
        analyzer.analyze("DROP TABLE IF EXISTS `p.d.a`", List.of());

        assertThat(analyzer.relations()).containsOnlyKeys("p.d.b", "p.d.v");
        assertThat(analyzer.relations().get("p.d.b").columns()).containsOnlyKeys("day", "n");
        assertThat(analyzer.relations().get("p.d.v").viewQuery()).isEqualTo("SELECT n FROM `p.d.b`");
        assertThatThrownBy(() -> analyzer.analyze("SELECT * FROM `p.d.a`", List.of()))
                .hasMessageContaining("Table not found");
    }
}
