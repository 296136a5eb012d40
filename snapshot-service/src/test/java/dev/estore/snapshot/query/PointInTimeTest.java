package dev.estore.snapshot.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PointInTimeTest {

    @Test
    void aDateMeansTheEndOfThatDayInUtc() {
        assertThat(PointInTime.parse("from", "2019-10-31")).isEqualTo(Instant.parse("2019-10-31T23:59:59.999999Z"));
    }

    @Test
    void aDateTimeMeansThatInstant() {
        assertThat(PointInTime.parse("to", "2026-11-27T12:00:00.123456Z"))
                .isEqualTo(Instant.parse("2026-11-27T12:00:00.123456Z"));
        assertThat(PointInTime.parse("to", "2026-11-27T13:00:00+01:00"))
                .isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
        assertThat(PointInTime.parse("to", "2026-11-27T12:00:00")).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
    }

    @Test
    void aBadValueNamesTheParameter() {
        assertThatThrownBy(() -> PointInTime.parse("from", "2019-13-01")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("from '2019-13-01' is neither a date");
        assertThatThrownBy(() -> PointInTime.parse("to", null)).hasMessageStartingWith("to is required");
        assertThatThrownBy(() -> PointInTime.parse("to", "yesterday")).hasMessageStartingWith("to 'yesterday'");
    }

    @Test
    void anInstantNoWarehouseHoldsIsRefused() {
        assertThatThrownBy(() -> PointInTime.parse("to", "+99999-12-31")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> PointInTime.parse("from", "+10000-01-01T00:00:00Z"))
                .hasMessageContaining("out of range");
        assertThat(PointInTime.parse("to", "9999-12-30")).isEqualTo(Instant.parse("9999-12-30T23:59:59.999999Z"));
    }
}
