package dev.estore.shared.loading;

import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.ports.RawEventsStore.LoadRecord;
import dev.estore.shared.ports.RawEventsStore.LoadStatus;
import dev.estore.shared.ports.RawEventsStore.RejectedRow;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The raw.loads ledger and raw.load_rejects as rows, one way for both warehouses: the columns a ledger entry is
 * written with (in the tables' column order) and how a row read back becomes a {@link LoadRecord} or a
 * {@link RejectedRow}. Each adapter keeps its transaction (DuckDB: one connection; BigQuery: a load job, then a
 * session transaction), which differ by warehouse; what the ledger holds is said here.
 */
public final class LedgerRows {

    private LedgerRows() {
    }

    /**
     * The parameters of {@code INSERT INTO raw.loads (load_id, bucket, object, generation, status, rows_loaded,
     * rows_rejected, min_event_time, max_event_time, started_at, finished_at, reason)}, times as UTC text to be
     * cast in SQL.
     */
    public static Object[] ledgerParameters(LoadRecord record) {
        ObjectRef object = record.object();
        return Arrays.asList(record.loadId(), object.bucket(), object.name(), object.generation(),
                record.status().name(), record.rowsLoaded(), record.rowsRejected(), utcText(record.minEventTime()),
                utcText(record.maxEventTime()), utcText(record.startedAt()), utcText(record.finishedAt()),
                record.reason()).toArray();
    }

    public static List<LoadRecord> loadRecords(List<Map<String, Object>> rows) {
        return rows.stream().map(LedgerRows::loadRecord).toList();
    }

    public static LoadRecord loadRecord(Map<String, Object> row) {
        return new LoadRecord((String) row.get("load_id"),
                new ObjectRef((String) row.get("bucket"), (String) row.get("object"), number(row.get("generation"))),
                LoadStatus.valueOf((String) row.get("status")), number(row.get("rows_loaded")),
                number(row.get("rows_rejected")), (Instant) row.get("min_event_time"),
                (Instant) row.get("max_event_time"), (Instant) row.get("started_at"),
                (Instant) row.get("finished_at"), (String) row.get("reason"));
    }

    public static RejectedRow rejectedRow(Map<String, Object> row) {
        return new RejectedRow((String) row.get("load_id"), (String) row.get("source_bucket"),
                (String) row.get("source_object"), number(row.get("source_generation")), number(row.get("line")),
                (String) row.get("reason"), (String) row.get("raw_line"));
    }

    /** Timestamps travel as UTC text and are cast in SQL, so the JVM's time zone never shifts them. */
    public static String utcText(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    public static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
