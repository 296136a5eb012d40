package dev.estore.embedded.duckdb;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.jboss.logging.Logger;

/**
 * The one DuckDB database of this process. DuckDB allows a single writing process per file, so every service of
 * the embedded runner shares this instance; each unit of work gets its own connection ({@link #connect()}), and
 * DuckDB's MVCC keeps their transactions apart.
 */
@ApplicationScoped
public class DuckDbDatabase {

    private static final Logger LOG = Logger.getLogger(DuckDbDatabase.class);

    private final DuckDbConfig config;
    private DuckDBConnection root;
    private Path path;

    public DuckDbDatabase(DuckDbConfig config) {
        this.config = config;
    }

    /**
     * Opens the warehouse at a given file instead of the configured one (the {@code --warehouse} option).
     * Must come before the first connection.
     */
    public synchronized void openAt(Path file) {
        if (root != null && !file.toAbsolutePath().equals(path)) {
            throw new IllegalStateException("The warehouse is already open at " + path + "; cannot switch to " + file);
        }
        open(file.toAbsolutePath());
    }

    /** A new connection to the shared database, in auto-commit mode. The caller closes it. */
    public Connection connect() throws SQLException {
        Connection connection = rootConnection().duplicate();
        ReadTally.profile(connection);
        return connection;
    }

    /**
     * Writes the write-ahead log into the database file now (DuckDB's CHECKPOINT), when there is a log: so that the
     * pipeline does it while idle rather than in the commit of a build that crosses checkpoint_threshold. Returns
     * how long it took, or empty when there was nothing to write or DuckDB could not do it now (the next idle
     * moment, or the threshold, does it).
     */
    public Optional<Duration> checkpoint() {
        if (!isOpen()) {
            return Optional.empty();
        }
        long wal = walBytes();
        if (wal == 0) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            LOG.debugf("No checkpoint now: %s", e.getMessage());
            return Optional.empty();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.infof("Warehouse checkpoint: %.1f MB of write-ahead log written into %s in %d ms", wal / 1e6, path(),
                took.toMillis());
        return Optional.of(took);
    }

    private synchronized boolean isOpen() {
        return root != null;
    }

    /** The size of the write-ahead log: changes committed but not yet written into the database file. */
    public long walBytes() {
        Path file = path();
        try {
            Path wal = file.resolveSibling(file.getFileName() + ".wal");
            return Files.exists(wal) ? Files.size(wal) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The statement that turns off the configured optimizers ({@code none}: DuckDB's default, all on). */
    public static String disabledOptimizers(DuckDbConfig config) {
        String names = config.disabledOptimizers().trim();
        return names.equalsIgnoreCase("none") ? "RESET disabled_optimizers"
                : "SET disabled_optimizers = '" + names.replace("'", "''") + "'";
    }

    public synchronized Path path() {
        return path == null ? config.path().toAbsolutePath() : path;
    }

    private synchronized DuckDBConnection rootConnection() {
        if (root == null) {
            open(config.path().toAbsolutePath());
        }
        return root;
    }

    private void open(Path file) {
        if (root != null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path spill = config.tempDirectory().orElse(Path.of(file + ".tmp"));
            // The driver is called directly, not through DriverManager: DriverManager only hands out drivers
            // visible to the caller's class loader, which fails when an app (or a test profile) restarts in a
            // fresh class loader within one JVM.
            root = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + file, new Properties());
            try (Statement statement = root.createStatement()) {
                statement.execute("SET temp_directory = '" + spill.toString().replace("'", "''") + "'");
                if (config.memoryLimit().isPresent()) {
                    statement.execute("SET memory_limit = '" + config.memoryLimit().get().replace("'", "''") + "'");
                }
                statement.execute("SET checkpoint_threshold = '" + config.checkpointThreshold().replace("'", "''")
                        + "'");
                if (config.threads().isPresent()) {
                    statement.execute("SET threads = " + config.threads().get());
                }
                statement.execute(disabledOptimizers(config));
            }
            path = file;
            LOG.infof("Warehouse: DuckDB %s at %s (memory_limit %s, spill to %s)", version(), file,
                    config.memoryLimit().orElse("DuckDB default"), spill);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the DuckDB warehouse at " + file + ": " + e.getMessage()
                    + ". DuckDB allows one writing process per file: is another estore process using it?", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the warehouse folder for " + file, e);
        }
    }

    private String version() throws SQLException {
        try (Statement statement = root.createStatement(); var rows = statement.executeQuery("SELECT version()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @PreDestroy
    public synchronized void close() {
        if (root != null) {
            try {
                root.close();
            } catch (SQLException e) {
                LOG.warnf("Closing the DuckDB warehouse failed: %s", e.getMessage());
            }
            root = null;
        }
    }
}
