package dev.estore.transform.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.transform.project.DataTestSpec;
import dev.estore.transform.project.DataTestSpec.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataTestSqlTest {

    private static DataTestSpec columnTest(Kind kind, String column) {
        return new DataTestSpec(kind, column, List.of(), null, null, null);
    }

    @Test
    void notNullFailsOnNull() {
        assertThat(DataTestSql.failingCondition(columnTest(Kind.NOT_NULL, "event_id"))).isEqualTo("event_id IS NULL");
    }

    @Test
    void nonNegativeFailsBelowZero() {
        assertThat(DataTestSql.failingCondition(columnTest(Kind.NON_NEGATIVE, "revenue"))).isEqualTo("revenue < 0");
    }

    @Test
    void acceptedValuesAreQuotedAndEscaped() {
        DataTestSpec test = new DataTestSpec(Kind.ACCEPTED_VALUES, "brand", List.of("acme", "o'neill"), null, null,
                null);

        assertThat(DataTestSql.failingCondition(test))
                .isEqualTo("brand IS NOT NULL AND brand NOT IN ('acme', 'o''neill')");
    }

    @Test
    void expressionFailsWhenNotTrue() {
        DataTestSpec test = new DataTestSpec(Kind.EXPRESSION, null, List.of(), null, null, "revenue <= price");

        assertThat(DataTestSql.failingCondition(test)).isEqualTo("NOT (revenue <= price)");
    }

    @Test
    void rowLevelTestsSelectRowsMeetingTheFailingCondition() {
        assertThat(DataTestSql.failingRows(columnTest(Kind.NOT_NULL, "user_id"), "marts.fct_events", name -> name))
                .isEqualTo("SELECT * FROM marts.fct_events WHERE user_id IS NULL");
    }

    @Test
    void uniqueSelectsDuplicatedNonNullValues() {
        assertThat(DataTestSql.failingRows(columnTest(Kind.UNIQUE, "event_id"), "marts.fct_events", name -> name))
                .isEqualTo("SELECT event_id, count(*) AS occurrences FROM marts.fct_events WHERE event_id IS NOT NULL"
                        + " GROUP BY event_id HAVING count(*) > 1");
    }

    @Test
    void relationshipsSelectsChildrenWithoutParent() {
        DataTestSpec test = new DataTestSpec(Kind.RELATIONSHIPS, "user_id", List.of(), "dim_users", "id", null);

        assertThat(DataTestSql.failingRows(test, "marts.fct_events", name -> "marts." + name))
                .isEqualTo("SELECT child.user_id FROM marts.fct_events AS child LEFT JOIN marts.dim_users AS parent"
                        + " ON child.user_id = parent.id WHERE child.user_id IS NOT NULL AND parent.id IS NULL");
    }

    @Test
    void aSingularTestReadsEachRefWholeAndEachTestedRowsAsTheRunScopesIt() {
        DataTestSpec test = DataTestSpec.singular("assert_counts", "select s.id from "
                + DataTestSpec.testedRowsMarker("fct_sessions") + " s join " + DataTestSpec.refMarker("fct_sessions")
                + " w on s.id = w.id join " + DataTestSpec.refMarker("dim_users") + " u on true");

        assertThat(DataTestSql.failingRows(test, "audit", name -> "marts." + name,
                name -> "(SELECT * FROM marts." + name + " WHERE day = 5)"))
                .isEqualTo("select s.id from (SELECT * FROM marts.fct_sessions WHERE day = 5) s join marts.fct_sessions"
                        + " w on s.id = w.id join marts.dim_users u on true");
        assertThat(DataTestSql.failingRows(test, "audit", name -> "marts." + name)).as("every row: one resolver")
                .isEqualTo("select s.id from marts.fct_sessions s join marts.fct_sessions w on s.id = w.id"
                        + " join marts.dim_users u on true");
    }

    @Test
    void onlyUniqueAndRelationshipsAreNotRowLevel() {
        assertThat(DataTestSql.isRowLevel(columnTest(Kind.NOT_NULL, "a"))).isTrue();
        assertThat(DataTestSql.isRowLevel(columnTest(Kind.NON_NEGATIVE, "a"))).isTrue();
        assertThat(DataTestSql.isRowLevel(columnTest(Kind.ACCEPTED_VALUES, "a"))).isTrue();
        assertThat(DataTestSql.isRowLevel(columnTest(Kind.EXPRESSION, null))).isTrue();
        assertThat(DataTestSql.isRowLevel(columnTest(Kind.UNIQUE, "a"))).isFalse();
        assertThat(DataTestSql.isRowLevel(columnTest(Kind.RELATIONSHIPS, "a"))).isFalse();
    }

    @Test
    void setLevelTestsHaveNoRowCondition() {
        assertThatThrownBy(() -> DataTestSql.failingCondition(columnTest(Kind.UNIQUE, "a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataTestSql.failingCondition(columnTest(Kind.RELATIONSHIPS, "a")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
