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

    /** Adds the rows the connection's last statement scanned to this thread's tally and returns them (-1: unknown). */
    static long addLastStatement(Connection connection) {
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
