package dev.estore.gcp.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BigQueryDialectTest {

    @Test
    void aConditionOnlyThereToSkipPartitionsIsKeptForBigQueryToPrune() {
        assertThat(new BigQueryDialect().partitionPruning("session_start_date < DATE '2020-05-02'"))
                .isEqualTo("(session_start_date < DATE '2020-05-02')");
    }
}
