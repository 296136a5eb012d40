package dev.estore.embedded.duckdb;

import java.nio.file.Path;
import java.util.Optional;

/** DuckDB databases in a test's temporary folder. */
final class TestDatabases {

    private TestDatabases() {
    }

    static DuckDbDatabase in(Path folder) {
        return new DuckDbDatabase(new DuckDbConfig() {
            @Override
            public Path path() {
                return folder.resolve("warehouse.duckdb");
            }

            @Override
            public Optional<String> memoryLimit() {
                return Optional.of("1GB");
            }

            @Override
            public Optional<Path> tempDirectory() {
                return Optional.empty();
            }

            @Override
            public Optional<Integer> threads() {
                return Optional.of(2);
            }
        });
    }
}
