package dev.estore.embedded.duckdb;

import java.nio.file.Path;

/** DuckDB databases in a test's temporary folder. */
final class TestDatabases {

    private TestDatabases() {
    }

    static DuckDbDatabase in(Path folder) {
        return new DuckDbDatabase(FixedDuckDbConfig.of(folder.resolve("warehouse.duckdb"), "1GB", 2));
    }
}
