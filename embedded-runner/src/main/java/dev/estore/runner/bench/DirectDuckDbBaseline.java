package dev.estore.runner.bench;

import dev.estore.embedded.duckdb.RawEventsSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * The benchmark's baseline: the pipeline's own SQL (the loader's bulk insert, each model's full build and its
 * data-test queries) executed directly on a fresh DuckDB file, with no services, bus, ledger or transactions
 * around it. The difference to the pipeline is what the orchestration costs.
 */
final class DirectDuckDbBaseline {

    record Timings(long loadMillis, Map<String, Long> modelMillis) {
        long buildMillis() {
            return modelMillis.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The mean of two runs, model by model. */
        Timings averagedWith(Timings other) {
            Map<String, Long> models = new LinkedHashMap<>();
            modelMillis.forEach((model, millis) -> models.put(model,
                    (millis + other.modelMillis.getOrDefault(model, millis)) / 2));
            return new Timings((loadMillis + other.loadMillis) / 2, models);
        }
    }

    private DirectDuckDbBaseline() {
    }

    static Timings run(Path database, List<Path> files, List<String> schemas,
            Map<String, List<String>> modelStatements, List<String> settings) throws SQLException {
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:" + database, new Properties());
                Statement statement = connection.createStatement()) {
            for (String setting : settings) {
                statement.execute(setting);
            }
            for (String sql : RawEventsSql.CREATE_TABLES) {
                statement.execute(sql);
            }
            for (String schema : schemas) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            }
            long loadStarted = System.nanoTime();
            int n = 0;
            for (Path file : files) {
                try (PreparedStatement insert = connection.prepareStatement(
                        RawEventsSql.insertFromCsv(RawEventsSql.literal(file.toAbsolutePath().toString())))) {
                    insert.setString(1, "baseline");
                    insert.setString(2, file.getFileName().toString());
                    insert.setLong(3, 1);
                    insert.setString(4, "baseline-load-" + n++);
                    insert.setString(5, LocalDateTime.now().toString());
                    insert.executeUpdate();
                }
            }
            long loadMillis = (System.nanoTime() - loadStarted) / 1_000_000;
            Map<String, Long> modelMillis = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> model : modelStatements.entrySet()) {
                long started = System.nanoTime();
                for (String sql : model.getValue()) {
                    if (sql.startsWith("SELECT")) {
                        try (var rows = statement.executeQuery(sql)) {
                            rows.next();
                        }
                    } else {
                        statement.execute(sql);
                    }
                }
                modelMillis.put(model.getKey(), (System.nanoTime() - started) / 1_000_000);
            }
            return new Timings(loadMillis, modelMillis);
        }
    }
}
