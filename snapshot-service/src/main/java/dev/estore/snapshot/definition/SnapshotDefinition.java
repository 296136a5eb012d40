package dev.estore.snapshot.definition;

import java.util.List;

/**
 * One snapshot as its file declares it.
 *
 * @param file where it was read from, for error messages
 * @param checkCols the checked columns (strategy check); empty with {@code checkAll}: every carried non-key column
 * @param updatedAt the source column whose newer value means a change (strategy timestamp), else null
 * @param columns the source columns to carry, key and checked columns included; empty: every source column
 * @param invalidateHardDeletes true: a key that vanished from the source gets its current version closed;
 *        false: it stays current
 * @param migrationColumn the column {@code /migrations} counts moves of by default, or null
 */
public record SnapshotDefinition(
        String name,
        String file,
        String description,
        TableRef source,
        TableRef target,
        List<String> uniqueKey,
        Strategy strategy,
        List<String> checkCols,
        boolean checkAll,
        String updatedAt,
        List<String> columns,
        boolean invalidateHardDeletes,
        String migrationColumn) {

    /** The snapshot's own columns, after the carried source columns. */
    public static final String SCD_ID = "scd_id";
    public static final String UPDATED_AT = "updated_at";
    public static final String VALID_FROM = "valid_from";
    public static final String VALID_TO = "valid_to";
    public static final List<String> VERSION_COLUMNS = List.of(SCD_ID, UPDATED_AT, VALID_FROM, VALID_TO);

    public SnapshotDefinition {
        uniqueKey = List.copyOf(uniqueKey);
        checkCols = List.copyOf(checkCols);
        columns = List.copyOf(columns);
    }

    public boolean carriesAllColumns() {
        return columns.isEmpty();
    }
}
