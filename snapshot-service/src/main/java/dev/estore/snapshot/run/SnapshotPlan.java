package dev.estore.snapshot.run;

import dev.estore.shared.ports.Warehouse;
import dev.estore.snapshot.definition.SnapshotDefinition;
import dev.estore.snapshot.definition.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A snapshot definition checked against the warehouse as it is now: the source exists and has every named
 * column, and an existing snapshot table has every carried column.
 *
 * @param carried the source columns the snapshot keeps, in table order
 * @param checked the columns compared (strategy check); empty for strategy timestamp
 * @param notes what the run should log (source columns a carry-all snapshot does not keep)
 */
public record SnapshotPlan(SnapshotDefinition definition, String source, String target, boolean targetExists,
        List<String> carried, List<String> checked, List<String> notes) {

    public static SnapshotPlan resolve(SnapshotDefinition definition, Warehouse warehouse) {
        String where = definition.file();
        List<String> sourceColumns = warehouse.columnsOf(definition.source().schema(), definition.source().table());
        if (sourceColumns.isEmpty()) {
            throw new SnapshotException("Snapshot " + definition.name() + " (" + where + "): its source "
                    + definition.source() + " does not exist yet; build that model before snapshotting it");
        }
        List<String> targetColumns = warehouse.columnsOf(definition.target().schema(), definition.target().table());
        List<String> notes = new ArrayList<>();
        List<String> carried;
        if (!definition.carriesAllColumns()) {
            carried = definition.columns();
        } else if (targetColumns.isEmpty()) {
            carried = sourceColumns;
        } else {
            // A carry-all snapshot keeps the columns its table was created with; newer source columns would need
            // a table change first, which this service leaves to a person.
            carried = without(targetColumns, SnapshotDefinition.VERSION_COLUMNS);
            List<String> added = without(sourceColumns, carried);
            if (!added.isEmpty()) {
                notes.add("source columns " + added + " are not in " + definition.target() + " and are not kept; "
                        + "add them to the table to keep them from now on");
            }
        }
        List<String> named = new ArrayList<>(carried);
        named.addAll(definition.uniqueKey());
        named.addAll(definition.checkCols());
        if (definition.strategy() == Strategy.TIMESTAMP) {
            named.add(definition.updatedAt());
        }
        if (definition.migrationColumn() != null) {
            named.add(definition.migrationColumn());
        }
        List<String> missing = without(distinct(named), sourceColumns);
        if (!missing.isEmpty()) {
            throw new SnapshotException("Snapshot " + definition.name() + " (" + where + "): the source "
                    + definition.source() + " has no column(s) " + missing + "; it has " + sourceColumns);
        }
        List<String> clashing = carried.stream()
                .filter(column -> containsIgnoreCase(SnapshotDefinition.VERSION_COLUMNS, column)).toList();
        if (!clashing.isEmpty()) {
            throw new SnapshotException("Snapshot " + definition.name() + " (" + where + "): source column(s) "
                    + clashing + " clash with the snapshot's own columns " + SnapshotDefinition.VERSION_COLUMNS
                    + "; list the columns to carry under columns: without them");
        }
        if (!targetColumns.isEmpty()) {
            List<String> expected = new ArrayList<>(carried);
            expected.addAll(SnapshotDefinition.VERSION_COLUMNS);
            List<String> absent = without(expected, targetColumns);
            if (!absent.isEmpty()) {
                throw new SnapshotException("Snapshot " + definition.name() + " (" + where + "): the table "
                        + definition.target() + " has no column(s) " + absent + " that the definition carries; add "
                        + "them to the table (ALTER TABLE ... ADD COLUMN) or carry fewer columns");
            }
        }
        List<String> checked = definition.strategy() == Strategy.TIMESTAMP ? List.of()
                : definition.checkAll() ? without(carried, definition.uniqueKey()) : definition.checkCols();
        if (definition.strategy() == Strategy.CHECK && checked.isEmpty()) {
            throw new SnapshotException("Snapshot " + definition.name() + " (" + where + "): check_cols: all "
                    + "leaves no column to compare besides the key");
        }
        return new SnapshotPlan(definition,
                warehouse.relation(definition.source().schema(), definition.source().table()),
                warehouse.relation(definition.target().schema(), definition.target().table()),
                !targetColumns.isEmpty(), List.copyOf(carried), List.copyOf(checked), List.copyOf(notes));
    }

    public List<String> key() {
        return definition.uniqueKey();
    }

    private static List<String> without(List<String> columns, List<String> removed) {
        Set<String> lower = removed.stream().map(column -> column.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return columns.stream().filter(column -> !lower.contains(column.toLowerCase(Locale.ROOT))).toList();
    }

    private static List<String> distinct(List<String> columns) {
        Set<String> seen = new LinkedHashSet<>();
        return columns.stream().filter(column -> seen.add(column.toLowerCase(Locale.ROOT))).toList();
    }

    private static boolean containsIgnoreCase(List<String> columns, String column) {
        return columns.stream().anyMatch(candidate -> candidate.equalsIgnoreCase(column));
    }
}
