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
        return new WarehouseReads(difference(rows, earlier.rows), difference(bytes, earlier.bytes));
    }

    /** Boxed on purpose: a conditional mixing Long and long would unbox the null. */
    private static Long difference(Long now, Long before) {
        return now == null || before == null ? now : Long.valueOf(now - before);
    }
}
