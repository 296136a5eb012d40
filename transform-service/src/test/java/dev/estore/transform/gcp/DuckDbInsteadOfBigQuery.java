package dev.estore.transform.gcp;

import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.shared.ports.Warehouse;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The app's tests run against the Pub/Sub emulator, but no BigQuery is reachable here: the test classpath's
 * DuckDB warehouse stands in for it (BigQuery's SQL is proven offline by the ZetaSQL tests instead).
 */
class DuckDbInsteadOfBigQuery {

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    Warehouse warehouse(DuckDbWarehouse duckDb) {
        return duckDb;
    }
}
