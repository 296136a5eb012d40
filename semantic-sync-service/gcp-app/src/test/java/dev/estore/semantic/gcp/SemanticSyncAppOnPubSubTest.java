package dev.estore.semantic.gcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.google.pubsub.v1.PubsubMessage;
import dev.estore.gcp.pubsub.PubSubEventBus;
import dev.estore.gcp.testing.EmulatorAdmin;
import dev.estore.gcp.testing.PubSubEmulatorResource;
import dev.estore.gcp.testing.RequiresPubSubEmulator;
import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.ModelsBuilt;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The semantic-sync-service as its own Google Cloud app in streaming-pull mode (Kubernetes) against the Pub/Sub
 * emulator: its subscriptions are pulled, a contract message reaches its handler, and a poison message is nacked
 * until the subscription's dead-letter policy moves it to the dead-letter topic.
 */
@QuarkusTest
@RequiresPubSubEmulator
@WithTestResource(value = PubSubEmulatorResource.class, initArgs = @ResourceArg(
        name = PubSubEmulatorResource.PULL_SUBSCRIPTIONS,
        value = "semantic-sync-service.models-built@models-built,"
                + "semantic-sync-service.snapshots-taken@snapshots-taken,failure-notifier@pipeline-failed"))
class SemanticSyncAppOnPubSubTest {

    static final String MODELS_BUILT_TOPIC = EmulatorAdmin.PREFIX + Topics.MODELS_BUILT.name();

    @ConfigProperty(name = "quarkus.google.cloud.pubsub.emulator-host")
    String emulatorHost;
    @Inject
    EventBus bus;

    @Test
    void pullsItsSubscriptionsAndIsReady() {
        assertThat(bus).isInstanceOf(PubSubEventBus.class);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'pubsub' }.data.receiveMode", equalTo("pull"))
                .body("checks.find { it.name == 'pubsub' }.data.'estore-semantic-sync-service.models-built'",
                        equalTo("RUNNING"))
                .body("checks.find { it.name == 'pubsub' }.data.'estore-failure-notifier'", equalTo("RUNNING"));
    }

    @Test
    void aModelsBuiltMessageReachesTheService() throws Exception {
        BusMessage built = MessageCodec.encode(Topics.MODELS_BUILT, new ModelsBuilt("run-pull-1", "test", List.of(), 3,
                Instant.now(), Instant.now()), "run-pull-1");
        try (EmulatorAdmin admin = new EmulatorAdmin(emulatorHost)) {
            admin.publish(MODELS_BUILT_TOPIC, built.data(), built.attributes());
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/semantic/syncs").then()
                .statusCode(200).body("trigger", hasItem("models-built:run-pull-1")));
    }

    @Test
    void aPoisonMessageIsDeadLetteredAfterTheMaximumAttempts() throws Exception {
        List<PubsubMessage> deadLetters = new ArrayList<>();
        try (EmulatorAdmin admin = new EmulatorAdmin(emulatorHost)) {
            String watch = EmulatorAdmin.PREFIX + "test.semantic-dead-letters";
            admin.createSubscription(watch, EmulatorAdmin.DEAD_LETTER_TOPIC, null, false);
            admin.publish(MODELS_BUILT_TOPIC, "{not json".getBytes(StandardCharsets.UTF_8),
                    Map.of(BusMessage.ATTR_MESSAGE_TYPE, "ModelsBuilt", BusMessage.ATTR_SCHEMA_VERSION, "1"));

            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() -> {
                deadLetters.addAll(admin.pull(watch));
                return !deadLetters.isEmpty();
            });
        }

        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.getData().toStringUtf8()).isEqualTo("{not json");
            assertThat(dead.getAttributesMap())
                    .containsEntry("CloudPubSubDeadLetterSourceSubscription",
                            "estore-semantic-sync-service.models-built")
                    .containsEntry("CloudPubSubDeadLetterSourceDeliveryCount",
                            Integer.toString(EmulatorAdmin.MAX_DELIVERY_ATTEMPTS));
        });
        // the app counted it when it nacked the last attempt (a pulled message carries its delivery attempt)
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("(?m)^estore_dead_letters_total\\{subscription=\""
                        + "estore-semantic-sync-service.models-built\"} 1\\.0\\b");
    }
}
