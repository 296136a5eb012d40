package dev.estore.runner.semantic;

import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratorOptions;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.RunSummary;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Its own application and warehouse, with Omni pointed at a local stand-in and an API token set (as
 * {@code ESTORE_API_TOKEN=... ./estore serve}). The test classes of this profile share one built warehouse:
 * {@link #builtOnce} runs the pipeline for the first of them.
 */
public class SemanticLayerProfile implements QuarkusTestProfile {

    public static final String API_TOKEN = "test-api-token";
    private static RunSummary built;

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
                "estore.omni.connection-id", "conn-e2e",
                "estore.api.token", API_TOKEN);
    }

    /** The pipeline run over the generated files, done once for every test class of this profile. */
    public static synchronized RunSummary builtOnce(EmbeddedPipeline pipeline) throws Exception {
        if (built == null) {
            Path bucket = Files.createDirectories(ROOT.resolve("semantic-bucket"));
            new EventGenerator(new GeneratorOptions(40_000, 3, 11, bucket, false, YearMonth.of(2019, 10))).generate();
            built = pipeline.run(List.of(bucket), Duration.ofMinutes(3));
        }
        return built;
    }
}
