package dev.estore.runner;

import dev.estore.runner.fixture.TestFolders;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** A Quarkus restart on a warehouse file of its own, for tests that must not share tables with others. */
public class FreshWarehouseProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Path folder = TestFolders.reserve("estore-test-");
        return Map.of("estore.warehouse.duckdb.path", folder.resolve("warehouse.duckdb").toString());
    }
}
