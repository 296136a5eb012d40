package dev.estore.embedded.duckdb;

/** A statement the warehouse refused; the message is DuckDB's own, which names the object and the problem. */
public class WarehouseException extends RuntimeException {

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
