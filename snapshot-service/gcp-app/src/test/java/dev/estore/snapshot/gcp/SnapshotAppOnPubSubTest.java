package dev.estore.snapshot.gcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.estore.gcp.pubsub.PubSubEventBus;
import dev.estore.gcp.testing.CloudAppProbes;
import dev.estore.gcp.testing.EmulatorAdmin;
import dev.estore.gcp.testing.PubSubEmulatorResource;
import dev.estore.gcp.testing.RequiresPubSubEmulator;
import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.ModelsBuilt;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The snapshot-service as its own Google Cloud app (push mode) against the Pub/Sub emulator: a models-built message
 * pushed by the emulator runs the snapshots (they fail on this empty stand-in warehouse, which the run records with
 * its trigger). The warehouse is DuckDB from the test classpath: BigQuery's beans are left out
 * by the test configuration, as no BigQuery is reachable here.
 */
@QuarkusTest
@RequiresPubSubEmulator
@WithTestResource(PubSubEmulatorResource.class)
class SnapshotAppOnPubSubTest {

    @ConfigProperty(name = "quarkus.google.cloud.pubsub.emulator-host")
    String emulatorHost;
    @TestHTTPResource("/pubsub/push")
    URL pushEndpoint;
    @Inject
    EventBus bus;

    @Test
    void aPushedModelsBuiltRunsTheSnapshots() throws Exception {
        assertThat(bus).isInstanceOf(PubSubEventBus.class);
        CloudAppProbes.answerAsTheProbesExpect("estore-failure-notifier,estore-snapshot-service.models-built");

        BusMessage built = MessageCodec.encode(Topics.MODELS_BUILT, new ModelsBuilt("run-gcp-1", "test", List.of(), 0,
                Instant.now(), Instant.now()), "run-gcp-1");
        try (EmulatorAdmin admin = new EmulatorAdmin(emulatorHost)) {
            admin.pushToService("snapshot-service.models-built", Topics.MODELS_BUILT, pushEndpoint.toString(),
                    built);
        }

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().get("/snapshots").then().statusCode(200)
                .body("lastRun.trigger", hasItem("models-built:run-gcp-1")));
    }
}
