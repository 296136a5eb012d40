package dev.estore.transform.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedRowsTest {

    @Test
    void valuesAreReadInTheReturnedColumnsType() {
        assertThat(ExpectedRows.same(new BigDecimal("9.50"), "9.5")).isTrue();
        assertThat(ExpectedRows.same(2L, "2")).isTrue();
        assertThat(ExpectedRows.same(2L, "2.5")).isFalse();
        assertThat(ExpectedRows.same(2L, "two")).isFalse();
        assertThat(ExpectedRows.same(0.1d, "0.1")).isTrue();
        assertThat(ExpectedRows.same(true, "TRUE")).isTrue();
        assertThat(ExpectedRows.same(LocalDate.parse("2019-10-01"), "2019-10-01")).isTrue();
        Instant at = Instant.parse("2019-10-01T10:00:00Z");
        assertThat(ExpectedRows.same(at, "2019-10-01 10:00:00")).isTrue();
        assertThat(ExpectedRows.same(at, "2019-10-01 10:00:00 UTC")).isTrue();
        assertThat(ExpectedRows.same(at, "2019-10-01T12:00:00+02:00")).isTrue();
        assertThat(ExpectedRows.same(at, "2019-10-01 10:00:01")).isFalse();
        assertThat(ExpectedRows.same("view", "view")).isTrue();
        assertThat(ExpectedRows.same(null, null)).isTrue();
        assertThat(ExpectedRows.same(null, "0")).isFalse();
        assertThat(ExpectedRows.same(0L, null)).isFalse();
    }

    @Test
    void rowsCompareAsAMultisetOnTheComparedColumnsOnly() {
        Map<String, Object> one = new HashMap<>(Map.of("id", "a", "n", 1L, "ignored", "x"));
        Map<String, String> expectedOne = Map.of("id", "a", "n", "1");
        var columns = new LinkedHashSet<>(List.of("id", "n"));

        assertThat(ExpectedRows.compare(List.of(one), List.of(expectedOne), columns).none()).isTrue();

        ExpectedRows.Difference twiceExpected = ExpectedRows.compare(List.of(one), List.of(expectedOne, expectedOne),
                columns);
        assertThat(twiceExpected.unexpected()).isEmpty();
        assertThat(twiceExpected.absent()).containsExactly(expectedOne);

        ExpectedRows.Difference twiceReturned = ExpectedRows.compare(List.of(one, one), List.of(expectedOne), columns);
        assertThat(twiceReturned.unexpected()).containsExactly(Map.of("id", "a", "n", 1L));
        assertThat(twiceReturned.absent()).isEmpty();
    }
}
