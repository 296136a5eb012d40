package dev.estore.shared.ports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarehouseReadsTest {

    @Test
    void differencesKeepWhatTheEngineDoesNotSayUnknown() {
        WarehouseReads bytesOnly = new WarehouseReads(null, 0L).plus(0, 100);
        assertThat(bytesOnly.minus(new WarehouseReads(null, 40L))).isEqualTo(new WarehouseReads(0L, 60L));
        assertThat(new WarehouseReads(null, 5L).minus(new WarehouseReads(null, 2L)))
                .isEqualTo(new WarehouseReads(null, 3L));
        assertThat(WarehouseReads.UNKNOWN.minus(WarehouseReads.UNKNOWN)).isEqualTo(WarehouseReads.UNKNOWN);
        assertThat(new WarehouseReads(10L, 7L).minus(new WarehouseReads(4L, 2L)))
                .isEqualTo(new WarehouseReads(6L, 5L));
    }
}
