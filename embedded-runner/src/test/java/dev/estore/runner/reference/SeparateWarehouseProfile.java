package dev.estore.runner.reference;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives the reference test its own Quarkus application and so its own DuckDB file: the warehouse can be pointed
 * elsewhere only before its first connection, and another test class shares the default application.
 */
public class SeparateWarehouseProfile implements QuarkusTestProfile {

    private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"),
            "estore-reference-" + System.nanoTime());

    static Path root() {
        return ROOT;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "estore.warehouse.duckdb.path", ROOT.resolve("warehouse.duckdb").toString(),
                "estore.bucket.root", ROOT.resolve("bucket").toString());
    }
}
