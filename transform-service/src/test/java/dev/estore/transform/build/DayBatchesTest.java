package dev.estore.transform.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.transform.window.ChangedWindow;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DayBatchesTest {

    static final LocalDate D1 = LocalDate.parse("2019-11-01");
    static final LocalDate D2 = D1.plusDays(1);
    static final LocalDate D3 = D1.plusDays(2);
    static final LocalDate D4 = D1.plusDays(3);

    @Test
    void consecutiveDaysShareABatchUntilItWouldHoldMoreThanTheLimit() {
        var batches = DayBatches.of(new TreeSet<>(java.util.List.of(D1, D2, D3, D4)),
                Map.of(D1, 40L, D2, 60L, D3, 30L, D4, 80L), 100);

        assertThat(batches).containsExactly(ChangedWindow.of(java.util.List.of(D1, D2)),
                ChangedWindow.of(java.util.List.of(D3)), ChangedWindow.of(java.util.List.of(D4)));
    }

    @Test
    void aDayBiggerThanTheLimitIsABatchOfItsOwnAndADayWithoutAnEstimateWeighsNothing() {
        var batches = DayBatches.of(new TreeSet<>(java.util.List.of(D1, D2, D3, D4)), Map.of(D2, 500L, D4, 100L),
                100);

        assertThat(batches).containsExactly(ChangedWindow.of(java.util.List.of(D1)),
                ChangedWindow.of(java.util.List.of(D2)), ChangedWindow.of(java.util.List.of(D3, D4)));
    }

    @Test
    void everyDayIsInExactlyOneBatchInOrder() {
        TreeSet<LocalDate> days = new TreeSet<>();
        java.util.Map<LocalDate, Long> events = new java.util.HashMap<>();
        for (int i = 0; i < 200; i++) {
            LocalDate day = D1.plusDays(i * 2L); // gaps between days, as in a window of scattered late days
            days.add(day);
            events.put(day, (long) (i * 37 % 101));
        }

        var batches = DayBatches.of(days, events, 150);

        assertThat(batches.stream().flatMap(batch -> batch.dates().stream()).toList())
                .containsExactlyElementsOf(days);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.dates().size() == 1
                || batch.dates().stream().mapToLong(events::get).sum() <= 150).isTrue());
    }

    @Test
    void aLimitBelowOneEventIsRefused() {
        assertThatThrownBy(() -> DayBatches.of(new TreeSet<>(java.util.List.of(D1)), Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one event");
    }
}
