package dev.estore.embedded.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.estore.shared.ports.WarehouseReads;
import java.sql.Connection;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;
import org.duckdb.ProfilerPrintFormat;

/**
 * What DuckDB read, statement by statement, from its profiler (every connection profiles without output): the
 * rows its table scans scanned (after skipping row groups by their min/max, so a day filter on a table sorted by
 * day shows up as fewer rows) and the bytes it read. Kept per thread, since a statement runs on its caller's.
 */
final class ReadTally {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<WarehouseReads> SO_FAR =
            ThreadLocal.withInitial(() -> new WarehouseReads(0L, 0L));

    private ReadTally() {
    }

    /** Turns the profiler on for a new connection; it keeps the last statement's figures without printing. */
    static void profile(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("SET enable_profiling = 'no_output'");
        }
    }

    /**
     * Adds the rows the connection's last statement scanned to this thread's tally and returns them (-1: unknown).
     * Statements that read no table (a build's many COMMENT ON, DROP, SET, or INSERT ... VALUES) are not asked: the
     * profile costs about 0.3 ms to fetch.
     */
    static long addLastStatement(Connection connection, String sql) {
        if (readsNoTable(sql)) {
            return -1;
        }
        try {
            String profile = connection.unwrap(DuckDBConnection.class)
                    .getProfilingInformation(ProfilerPrintFormat.JSON);
            if (profile == null || profile.isBlank()) {
                return -1;
            }
            JsonNode root = JSON.readTree(profile);
            long rows = rowsScanned(root.path("operator"));
            SO_FAR.set(SO_FAR.get().plus(rows, root.path("io").path("total_bytes_read").asLong(0)));
            return rows;
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            // figures for the run record only: a profile that cannot be read leaves them out, never the statement
            return -1;
        }
    }

    private static boolean readsNoTable(String sql) {
        String start = sql.stripLeading();
        String head = start.substring(0, Math.min(start.length(), 16)).toUpperCase(java.util.Locale.ROOT);
        return head.startsWith("COMMENT ") || head.startsWith("DROP ") || head.startsWith("SET ")
                || head.startsWith("CREATE SCHEMA") || head.startsWith("COMMIT") || head.startsWith("BEGIN")
                || (head.startsWith("INSERT ") && !start.toUpperCase(java.util.Locale.ROOT).contains("SELECT"));
    }

    static WarehouseReads soFar() {
        return SO_FAR.get();
    }

    private static long rowsScanned(JsonNode operators) {
        long rows = 0;
        for (JsonNode operator : operators) {
            rows += operator.path("rows_scanned").asLong(0) + rowsScanned(operator.path("children"));
        }
        return rows;
    }
}
