package dev.estore.transform.gcp;

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
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.contracts.RawEventsLoaded;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The transform-service as its own Google Cloud app (push mode) against the Pub/Sub emulator: a raw-events-loaded
 * message pushed by the emulator queues a build. The warehouse is DuckDB from the test classpath: BigQuery's
 * beans are left out by the test configuration, as no BigQuery is reachable here.
 */
@QuarkusTest
@RequiresPubSubEmulator
@WithTestResource(PubSubEmulatorResource.class)
class TransformAppOnPubSubTest {

    @ConfigProperty(name = "quarkus.google.cloud.pubsub.emulator-host")
    String emulatorHost;
    @TestHTTPResource("/pubsub/push")
    URL pushEndpoint;
    @Inject
    EventBus bus;

    @Test
    void aPushedRawEventsLoadedQueuesABuild() throws Exception {
        assertThat(bus).isInstanceOf(PubSubEventBus.class);
        CloudAppProbes.answerAsTheProbesExpect("estore-failure-notifier,estore-transform-service.raw-events-loaded");

        BusMessage loaded = MessageCodec.encode(Topics.RAW_EVENTS_LOADED, new RawEventsLoaded("load-gcp-1",
                new ObjectRef("raw-bucket", "events/2019-Oct.csv", 7), 0, 0, null, null, Instant.now(), null),
                "load-gcp-1");
        try (EmulatorAdmin admin = new EmulatorAdmin(emulatorHost)) {
            admin.pushToService("transform-service.raw-events-loaded", Topics.RAW_EVENTS_LOADED,
                    pushEndpoint.toString(), loaded);
        }

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().get("/runs").then().statusCode(200)
                .body("triggers.flatten()", hasItem("raw-events-loaded:load-gcp-1")));
    }
}
