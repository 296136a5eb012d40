package dev.estore.snapshot.run;

import static dev.estore.snapshot.definition.SnapshotDefinition.SCD_ID;
import static dev.estore.snapshot.definition.SnapshotDefinition.UPDATED_AT;
import static dev.estore.snapshot.definition.SnapshotDefinition.VALID_FROM;
import static dev.estore.snapshot.definition.SnapshotDefinition.VALID_TO;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;
import dev.estore.snapshot.definition.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements of one snapshot run, in SQL that DuckDB and BigQuery both accept: the few engine differences
 * (hash, text cast) come from the dialect, closing is a MERGE, and every comparison is NULL-safe
 * ({@code IS DISTINCT FROM}). Aliases: {@code src} is a source row, {@code snap} a snapshot version.
 */
final class SnapshotSql {

    /** The source's update time as a TIMESTAMP, under a name no snapshot column has (strategy timestamp). */
    private static final String SOURCE_UPDATED_AT = "snapshot_source_updated_at";

    private final SnapshotPlan plan;
    private final SqlDialect dialect;

    SnapshotSql(SnapshotPlan plan, SqlDialect dialect) {
        this.plan = plan;
        this.dialect = dialect;
    }

    /** An empty table with the carried columns and the version columns, typed like the source. */
    String createTable() {
        return "CREATE TABLE IF NOT EXISTS " + plan.target() + " AS\nSELECT " + String.join(", ", plan.carried())
                + ",\n    CAST(NULL AS " + dialect.typeOf(Warehouse.ValueKind.TEXT) + ") AS " + SCD_ID
                + ", CAST(NULL AS TIMESTAMP) AS " + UPDATED_AT
                + ", CAST(NULL AS TIMESTAMP) AS " + VALID_FROM
                + ", CAST(NULL AS TIMESTAMP) AS " + VALID_TO
                + "\nFROM " + plan.source() + "\nWHERE 1 = 0";
    }

    /** Source keys that occur more than once, and source rows with a NULL key part: both must be zero. */
    String keyCheck() {
        String keys = String.join(", ", plan.key());
        return "SELECT\n    (SELECT count(*) FROM (SELECT " + keys + " FROM " + plan.source() + " GROUP BY " + keys
                + " HAVING count(*) > 1) AS duplicated) AS duplicate_keys,\n    (SELECT count(*) FROM "
                + plan.source() + " WHERE " + plan.key().stream().map(key -> key + " IS NULL")
                        .collect(Collectors.joining(" OR ")) + ") AS null_keys";
    }

    /** Versions that start or end at or after this run's time: a run must come after every earlier one. */
    String versionsNotBefore(TimestampLiteral runTime) {
        return "SELECT count(*) AS later FROM " + plan.target() + " WHERE " + VALID_FROM + " >= " + runTime.sql()
                + " OR " + VALID_TO + " >= " + runTime.sql();
    }

    /** One row: how many source keys are new, back, changed, unchanged, and how many current keys vanished. */
    String counts() {
        String inSource = "src.snapshot_in_source = 1";
        String noCurrent = "snap.snapshot_is_current IS NULL";
        return "WITH src AS (\n    SELECT " + String.join(", ", comparedSourceColumns())
                + ", 1 AS snapshot_in_source FROM " + plan.source()
                + "\n),\nsnap AS (\n    SELECT " + String.join(", ", comparedVersionColumns())
                + ", 1 AS snapshot_is_current FROM " + plan.target() + " WHERE " + VALID_TO + " IS NULL"
                + "\n),\npast AS (\n    SELECT DISTINCT " + String.join(", ", plan.key())
                + ", 1 AS snapshot_seen FROM " + plan.target() + " WHERE " + VALID_TO + " IS NOT NULL\n)"
                + "\nSELECT"
                + "\n    count(CASE WHEN " + inSource + " AND " + noCurrent + " AND past.snapshot_seen IS NULL "
                + "THEN 1 END) AS new_keys,"
                + "\n    count(CASE WHEN " + inSource + " AND " + noCurrent + " AND past.snapshot_seen = 1 "
                + "THEN 1 END) AS reappeared,"
                + "\n    count(CASE WHEN " + inSource + " AND snap.snapshot_is_current = 1 AND (" + changed()
                + ") THEN 1 END) AS changed,"
                + "\n    count(CASE WHEN " + inSource + " AND snap.snapshot_is_current = 1 AND NOT (" + changed()
                + ") THEN 1 END) AS unchanged,"
                + "\n    count(CASE WHEN src.snapshot_in_source IS NULL THEN 1 END) AS vanished"
                + "\nFROM src\nFULL OUTER JOIN snap ON " + keyJoin("src", "snap")
                + "\nLEFT JOIN past ON " + keyJoin("src", "past");
    }

    /**
     * Closes the current version of every changed key (and, when invalidating, of every key gone from the source)
     * at the run time. BigQuery runs the same MERGE.
     */
    String closeVersions(TimestampLiteral runTime) {
        String close = " THEN UPDATE SET " + VALID_TO + " = " + runTime.sql();
        return "MERGE INTO " + plan.target() + " AS snap\nUSING (\n    SELECT "
                + String.join(", ", comparedSourceColumns()) + " FROM " + plan.source() + "\n) AS src\nON "
                + keyJoin("src", "snap") + " AND snap." + VALID_TO + " IS NULL"
                + "\nWHEN MATCHED AND (" + changed() + ")" + close
                + (plan.definition().invalidateHardDeletes()
                        ? "\nWHEN NOT MATCHED BY SOURCE AND snap." + VALID_TO + " IS NULL" + close : "");
    }

    /**
     * A new current version for every source key without one: new keys, keys whose version was just closed, and
     * keys back in the source. {@code scd_id} hashes the key with the run time's text, the same on every engine.
     */
    String insertVersions(TimestampLiteral runTime) {
        List<String> hashed = new ArrayList<>(plan.key().stream().map(key -> "src." + key).toList());
        hashed.add(runTime.quoted());
        String updatedAt = plan.definition().strategy() == Strategy.TIMESTAMP
                ? "CAST(src." + plan.definition().updatedAt() + " AS TIMESTAMP)" : runTime.sql();
        return "INSERT INTO " + plan.target() + " (" + String.join(", ", plan.carried()) + ", " + SCD_ID + ", "
                + UPDATED_AT + ", " + VALID_FROM + ", " + VALID_TO + ")\nSELECT "
                + plan.carried().stream().map(column -> "src." + column).collect(Collectors.joining(", "))
                + ",\n    " + dialect.md5Hex(dialect.concatKey(hashed)) + ", " + updatedAt + ", " + runTime.sql()
                + ", CAST(NULL AS TIMESTAMP)\nFROM " + plan.source() + " AS src\nWHERE NOT EXISTS (SELECT 1 FROM "
                + plan.target() + " AS snap WHERE " + keyJoin("src", "snap") + " AND snap." + VALID_TO
                + " IS NULL)";
    }

    String sizes() {
        return "SELECT count(*) AS total_rows, count(CASE WHEN " + VALID_TO + " IS NULL THEN 1 END) AS current_rows "
                + "FROM " + plan.target();
    }

    /** True when the source row differs from the current version; never NULL. */
    private String changed() {
        if (plan.definition().strategy() == Strategy.TIMESTAMP) {
            String source = "src." + SOURCE_UPDATED_AT;
            String version = "snap." + UPDATED_AT;
            return "coalesce(" + source + " > " + version + ", false) OR (" + source + " IS NULL AND " + version
                    + " IS NOT NULL) OR (" + source + " IS NOT NULL AND " + version + " IS NULL)";
        }
        return plan.checked().stream().map(column -> "src." + column + " IS DISTINCT FROM snap." + column)
                .collect(Collectors.joining(" OR "));
    }

    private List<String> comparedSourceColumns() {
        List<String> columns = new ArrayList<>(plan.key());
        if (plan.definition().strategy() == Strategy.TIMESTAMP) {
            columns.add("CAST(" + plan.definition().updatedAt() + " AS TIMESTAMP) AS " + SOURCE_UPDATED_AT);
        } else {
            plan.checked().stream().filter(column -> !plan.key().contains(column)).forEach(columns::add);
        }
        return columns;
    }

    private List<String> comparedVersionColumns() {
        List<String> columns = new ArrayList<>(plan.key());
        if (plan.definition().strategy() == Strategy.TIMESTAMP) {
            columns.add(UPDATED_AT);
        } else {
            plan.checked().stream().filter(column -> !plan.key().contains(column)).forEach(columns::add);
        }
        return columns;
    }

    private String keyJoin(String left, String right) {
        return plan.key().stream().map(key -> left + "." + key + " = " + right + "." + key)
                .collect(Collectors.joining(" AND "));
    }
}
