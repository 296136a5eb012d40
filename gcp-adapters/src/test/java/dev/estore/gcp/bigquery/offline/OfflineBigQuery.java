package dev.estore.gcp.bigquery.offline;

import dev.estore.gcp.bigquery.BigQueryRawEventsStore;
import dev.estore.gcp.bigquery.BigQueryWarehouse;
import dev.estore.gcp.bigquery.Datasets;
import java.util.List;

/**
 * The BigQuery warehouse as the services' offline tests use it: the real adapter on the analyzing gateway, in
 * project {@value #PROJECT} with datasets {@code estore_raw}, {@code estore_marts}, ... Shared so that a module
 * building on the marts (the semantic layer) starts from the same warehouse the transform's own proof builds.
 */
public record OfflineBigQuery(AnalyzingBigQueryGateway gateway, BigQueryWarehouse warehouse) {

    public static final String PROJECT = "test-project";
    public static final String DATASET_PREFIX = "estore_";

    /** A warehouse whose raw tables exist, created by the loader's own code, so the models can be built on it. */
    public static OfflineBigQuery withRawTables() {
        AnalyzingBigQueryGateway gateway = new AnalyzingBigQueryGateway(new BigQuerySqlAnalyzer());
        BigQueryWarehouse warehouse = new BigQueryWarehouse(gateway, new Datasets(PROJECT, DATASET_PREFIX), "EU");
        // Reading the (empty) ledger creates raw.events, raw.loads and raw.load_rejects as the loader does.
        gateway.respondWith((sql, row) -> List.of());
        new BigQueryRawEventsStore(warehouse, gateway, 10).recent(1);
        gateway.respondWith((sql, row) -> List.of(row));
        return new OfflineBigQuery(gateway, warehouse);
    }

    /** The fully qualified name of a relation in one of the datasets, as the analyzer's catalog keys it. */
    public static String relation(String schema, String name) {
        return PROJECT + "." + DATASET_PREFIX + schema + "." + name;
    }
}
