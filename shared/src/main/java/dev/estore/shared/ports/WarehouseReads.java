package dev.estore.shared.ports;

/**
 * What a warehouse read: rows scanned from tables (DuckDB counts them) and bytes read (DuckDB) or processed
 * (BigQuery, as billed). Null where the engine does not say. Cumulative per thread; the cost of one piece of work
 * is the difference around it.
 */
public record WarehouseReads(Long rows, Long bytes) {

    public static final WarehouseReads UNKNOWN = new WarehouseReads(null, null);

    public WarehouseReads plus(long moreRows, long moreBytes) {
        return new WarehouseReads(rows == null ? moreRows : rows + moreRows,
                bytes == null ? moreBytes : bytes + moreBytes);
    }

    public WarehouseReads minus(WarehouseReads earlier) {
        return new WarehouseReads(rows == null || earlier.rows == null ? rows : rows - earlier.rows,
                bytes == null || earlier.bytes == null ? bytes : bytes - earlier.bytes);
    }
}
