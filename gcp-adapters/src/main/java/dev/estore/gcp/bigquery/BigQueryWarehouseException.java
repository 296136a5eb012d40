package dev.estore.gcp.bigquery;

/** A BigQuery job or call that failed; the message names the statement or table and BigQuery's reason. */
public class BigQueryWarehouseException extends RuntimeException {

    public BigQueryWarehouseException(String message) {
        super(message);
    }

    public BigQueryWarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
