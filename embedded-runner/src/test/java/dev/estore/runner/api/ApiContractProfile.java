package dev.estore.runner.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** Its own application, warehouse and bucket, with an API token set (as `ESTORE_API_TOKEN=... ./estore serve`). */
public class ApiContractProfile implements QuarkusTestProfile {

    static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "estore-api-" + System.nanoTime());
    static final String TOKEN = "test-api-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "estore.warehouse.duckdb.path", ROOT.resolve("warehouse.duckdb").toString(),
                "estore.bucket.root", ROOT.resolve("bucket").toString(),
                "estore.api.token", TOKEN);
    }
}
