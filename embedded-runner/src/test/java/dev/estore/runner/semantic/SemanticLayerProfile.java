package dev.estore.runner.semantic;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** Its own application and warehouse, with Omni pointed at a local stand-in. */
public class SemanticLayerProfile implements QuarkusTestProfile {

    static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "estore-semantic-" + System.nanoTime());
    static final OmniStandIn OMNI = new OmniStandIn();
    static final String API_KEY = "test-omni-key";
    static final String MODEL_ID = "model-e2e";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "estore.warehouse.duckdb.path", ROOT.resolve("warehouse.duckdb").toString(),
                "estore.bucket.root", ROOT.resolve("bucket").toString(),
                "estore.omni.base-url", OMNI.baseUrl(),
                "estore.omni.api-key", API_KEY,
                "estore.omni.model-id", MODEL_ID,
                "estore.omni.connection-id", "conn-e2e");
    }
}
