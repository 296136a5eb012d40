package dev.estore.snapshot.query;

import static dev.estore.snapshot.definition.SnapshotDefinition.VALID_FROM;
import static dev.estore.snapshot.definition.SnapshotDefinition.VALID_TO;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;
import dev.estore.snapshot.definition.SnapshotDefinition;
import dev.estore.snapshot.run.TimestampLiteral;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads a snapshot's history: its size, one key's versions, and the moves between two instants. */
@ApplicationScoped
public class SnapshotQueries {

    private final Warehouse warehouse;

    public SnapshotQueries(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Rows and current rows of a snapshot table; empty before its first run. */
    public record Sizes(long rows, long currentRows) {
    }

    public Optional<Sizes> sizes(SnapshotDefinition definition) {
        if (!exists(definition)) {
            return Optional.empty();
        }
        Map<String, Object> row = warehouse.query("SELECT count(*) AS total_rows, count(CASE WHEN " + VALID_TO
                + " IS NULL THEN 1 END) AS current_rows FROM " + target(definition)).get(0);
        return Optional.of(new Sizes(number(row.get("total_rows")), number(row.get("current_rows"))));
    }

    /** Every version of one key (one value per unique_key column, compared as text), oldest first. */
    public List<Map<String, Object>> history(SnapshotDefinition definition, List<String> key) {
        if (key.size() != definition.uniqueKey().size()) {
            throw new IllegalArgumentException("key: give one value per unique_key column " + definition.uniqueKey()
                    + " (repeat key=... in that order); got " + key.size());
        }
        if (!exists(definition)) {
            return List.of();
        }
        SqlDialect dialect = warehouse.dialect();
        String where = definition.uniqueKey().stream().map(column -> dialect.toText(column) + " = ?")
                .collect(Collectors.joining(" AND "));
        return warehouse.query("SELECT * FROM " + target(definition) + " WHERE " + where + " ORDER BY " + VALID_FROM,
                key.toArray());
    }

    /**
     * For the keys with a version valid at both instants ({@code valid_from <= t < valid_to}, an open valid_to
     * being infinity), how many went from each value of the column to each value.
     */
    public Migrations migrations(SnapshotDefinition definition, String requested, Instant from, Instant to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
        if (!exists(definition)) {
            return new Migrations(definition.name(), requested, from, to, 0, 0, List.of());
        }
        List<String> carried = warehouse.columnsOf(definition.target().schema(), definition.target().table())
                .stream().filter(candidate -> SnapshotDefinition.VERSION_COLUMNS.stream()
                        .noneMatch(version -> version.equalsIgnoreCase(candidate)))
                .toList();
        String column = carried.stream().filter(candidate -> candidate.equalsIgnoreCase(requested)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("column '" + requested + "' is not a carried "
                        + "column of " + definition.target() + "; it has " + carried));
        String join = definition.uniqueKey().stream().map(key -> "at_from." + key + " = at_to." + key)
                .collect(Collectors.joining(" AND "));
        List<Map<String, Object>> rows = warehouse.query("SELECT at_from." + column + " AS from_value, at_to."
                + column + " AS to_value, count(*) AS key_count\nFROM " + target(definition) + " AS at_from\nJOIN "
                + target(definition) + " AS at_to ON " + join + "\nWHERE " + validAt("at_from", from) + "\n  AND "
                + validAt("at_to", to) + "\nGROUP BY at_from." + column + ", at_to." + column
                + "\nORDER BY key_count DESC, from_value, to_value");
        List<Migrations.Transition> transitions = new ArrayList<>();
        long keys = 0;
        long moved = 0;
        for (Map<String, Object> row : rows) {
            long count = number(row.get("key_count"));
            transitions.add(new Migrations.Transition(row.get("from_value"), row.get("to_value"), count));
            keys += count;
            if (!Objects.equals(row.get("from_value"), row.get("to_value"))) {
                moved += count;
            }
        }
        return new Migrations(definition.name(), column, from, to, keys, moved, transitions);
    }

    private static String validAt(String alias, Instant instant) {
        String at = TimestampLiteral.of(instant).sql();
        return alias + "." + VALID_FROM + " <= " + at + " AND (" + alias + "." + VALID_TO + " IS NULL OR " + alias
                + "." + VALID_TO + " > " + at + ")";
    }

    private boolean exists(SnapshotDefinition definition) {
        return warehouse.relationExists(definition.target().schema(), definition.target().table());
    }

    private String target(SnapshotDefinition definition) {
        return warehouse.relation(definition.target().schema(), definition.target().table());
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
