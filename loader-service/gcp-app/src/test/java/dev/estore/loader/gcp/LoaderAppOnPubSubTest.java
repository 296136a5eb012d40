package dev.estore.loader.gcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.pubsub.v1.PubsubMessage;
import dev.estore.gcp.pubsub.PubSubEventBus;
import dev.estore.gcp.testing.EmulatorAdmin;
import dev.estore.gcp.testing.GcsNotifications;
import dev.estore.gcp.testing.PubSubEmulatorResource;
import dev.estore.gcp.testing.RequiresPubSubEmulator;
import dev.estore.loader.EventsFileHeader;
import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.RawEventsLoaded;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The loader as its own Google Cloud app (gcp profile, push mode) against the real Pub/Sub emulator: GCS
 * notifications pushed by the emulator into POST /pubsub/push, the announcement published to its topic, a poison
 * message dead-lettered by the subscription's policy, and a redelivered notification that does not load twice.
 * The bucket is google-cloud-nio's in-memory Storage (no generations: they read as 0) and the ledger an in-memory
 * stand-in of the warehouse port.
 */
@QuarkusTest
@RequiresPubSubEmulator
@WithTestResource(PubSubEmulatorResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoaderAppOnPubSubTest {

    static final String BUCKET = "raw-bucket";
    static final String ROW = "2019-10-01 00:00:01 UTC,view,1,2,a.b,acme,1.00,3,11111111-1111-4111-8111-111111111111\n";
    static final String NOTIFICATIONS_TOPIC = EmulatorAdmin.PREFIX + Topics.OBJECT_NOTIFICATIONS.name();
    static final String LOADER_SUBSCRIPTION = EmulatorAdmin.PREFIX + "loader-service.object-notifications";
    static final String WATCH_LOADED = EmulatorAdmin.PREFIX + "test.raw-events-loaded";
    static final String WATCH_DEAD_LETTERS = EmulatorAdmin.PREFIX + "test.dead-letters";

    @ConfigProperty(name = "quarkus.google.cloud.pubsub.emulator-host")
    String emulatorHost;
    @TestHTTPResource("/pubsub/push")
    URL pushEndpoint;
    @Inject
    Storage storage;
    @Inject
    InMemoryRawEventsStore raw;
    @Inject
    EventBus bus;

    EmulatorAdmin admin;
    static boolean subscribed;

    @BeforeEach
    void subscriptions() throws Exception {
        admin = new EmulatorAdmin(emulatorHost);
        if (!subscribed) {
            admin.createSubscription(LOADER_SUBSCRIPTION, NOTIFICATIONS_TOPIC, pushEndpoint.toString(), true);
            admin.createSubscription(WATCH_LOADED, EmulatorAdmin.PREFIX + Topics.RAW_EVENTS_LOADED.name(), null, false);
            admin.createSubscription(WATCH_DEAD_LETTERS, EmulatorAdmin.DEAD_LETTER_TOPIC, null, false);
            subscribed = true;
        }
    }

    @AfterEach
    void close() {
        admin.close();
    }

    @Test
    @Order(1)
    void theAppRunsOnPubSubAndIsReady() {
        assertThat(bus).isInstanceOf(PubSubEventBus.class);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'pubsub' }.data.receiveMode", equalTo("push"))
                .body("checks.find { it.name == 'pubsub' }.data.subscriptions",
                        containsString("estore-loader-service.object-notifications"));
    }

    @Test
    @Order(2)
    void aFinalizedObjectPushedByPubSubLoadsOnceAndIsAnnouncedWithAttributes() throws Exception {
        String name = "events/2019-Oct.csv";
        put(name, EventsFileHeader.EXPECTED + "\n" + ROW + ROW);

        String messageId = publishGcs("OBJECT_FINALIZE", name);

        await().atMost(Duration.ofSeconds(30)).until(() -> raw.loadsOf(name) == 1);
        List<PubsubMessage> announced = pullUntilFound(WATCH_LOADED, 1);
        PubsubMessage message = announced.get(0);
        assertThat(message.getAttributesMap())
                .containsEntry(BusMessage.ATTR_MESSAGE_TYPE, "RawEventsLoaded")
                .containsEntry(BusMessage.ATTR_SCHEMA_VERSION, "1")
                .containsKey(BusMessage.ATTR_CORRELATION_ID);
        RawEventsLoaded loaded = MessageCodec.decode(Topics.RAW_EVENTS_LOADED, new BusMessage(
                message.getMessageId(), Topics.RAW_EVENTS_LOADED.name(), message.getData().toByteArray(),
                message.getAttributesMap(), Instant.now()));
        assertThat(loaded.object().bucket()).isEqualTo(BUCKET);
        assertThat(loaded.object().name()).isEqualTo(name);
        assertThat(loaded.rowsLoaded()).isEqualTo(2);
        assertThat(loaded.loadId()).isEqualTo(message.getAttributesMap().get(BusMessage.ATTR_CORRELATION_ID));
        assertThat(messageId).isNotBlank();
        given().get("/loads").then().statusCode(200).body("[0].object.name", equalTo(name));
    }

    @Test
    @Order(3)
    void aPoisonMessageEndsInTheDeadLetterTopicAfterTheMaximumAttempts() throws Exception {
        Map<String, String> attributes = GcsNotifications.attributes("OBJECT_FINALIZE", BUCKET, "events/x.csv", 0);
        attributes.put("payloadFormat", "NONE"); // a notification created without the object resource
        String poisonId = admin.publish(NOTIFICATIONS_TOPIC, new byte[0], attributes);

        List<PubsubMessage> deadLetters = pullUntilFound(WATCH_DEAD_LETTERS, 1);

        // Pub/Sub republishes a dead letter under a new message id, with the original attributes and body.
        assertThat(poisonId).isNotBlank();
        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.getAttributesMap()).containsEntry("objectId", "events/x.csv")
                    .containsEntry("payloadFormat", "NONE")
                    .containsEntry("CloudPubSubDeadLetterSourceSubscription", LOADER_SUBSCRIPTION)
                    .containsEntry("CloudPubSubDeadLetterSourceDeliveryCount",
                            Integer.toString(EmulatorAdmin.MAX_DELIVERY_ATTEMPTS));
        });
        assertThat(raw.ledgerChecksOf("events/x.csv")).isZero();
    }

    @Test
    @Order(4)
    void deletesOtherFilesAndQuarantinedCopiesAreAcknowledgedWithoutALoad() {
        put("events/2019-Nov.csv", EventsFileHeader.EXPECTED + "\n" + ROW);
        for (String[] event : new String[][] {{"OBJECT_DELETE", "events/2019-Nov.csv"},
                {"OBJECT_METADATA_UPDATE", "events/2019-Nov.csv"}, {"OBJECT_FINALIZE", "events/notes.txt"},
                {"OBJECT_FINALIZE", "other/2019-Nov.csv"}, {"OBJECT_FINALIZE", "quarantine/events/2019-Nov.csv"}}) {
            given().contentType("application/json").body(envelope(event[0], event[1], LOADER_SUBSCRIPTION))
                    .post("/pubsub/push").then().statusCode(204);
        }

        assertThat(raw.loadsOf("events/2019-Nov.csv")).isZero();
        assertThat(raw.ledgerChecksOf("events/2019-Nov.csv")).isZero();
    }

    @Test
    @Order(5)
    void pushesThatCannotBeHandledAreNacked() {
        given().contentType("application/json").body("{\"subscription\": \"x\"}").post("/pubsub/push")
                .then().statusCode(400);
        given().contentType("application/json")
                .body(envelope("OBJECT_FINALIZE", "events/a.csv", "projects/p/subscriptions/estore-someone-else"))
                .post("/pubsub/push").then().statusCode(404)
                .body(containsString("estore-loader-service.object-notifications"));
        given().contentType("application/json")
                .body(envelope("OBJECT_EXPLODED", "events/a.csv", LOADER_SUBSCRIPTION))
                .post("/pubsub/push").then().statusCode(422).body(containsString("unknown eventType"));
    }

    /**
     * The file loads, but its announcement cannot be published (the topics are gone), so the push fails with a
     * 503 and Pub/Sub redelivers the same notification: the ledger turns the redelivery into a skip.
     */
    @Test
    @Order(6)
    void aRedeliveredNotificationIsNotLoadedTwice() throws Exception {
        String name = "events/2019-Dec.csv";
        put(name, EventsFileHeader.EXPECTED + "\n" + ROW);
        admin.deleteTopic(EmulatorAdmin.PREFIX + Topics.RAW_EVENTS_LOADED.name());
        admin.deleteTopic(EmulatorAdmin.PREFIX + Topics.PIPELINE_FAILED.name());
        try {
            publishGcs("OBJECT_FINALIZE", name);

            await().atMost(Duration.ofSeconds(30)).until(() -> raw.ledgerChecksOf(name) >= 2);
            Thread.sleep(2_000); // room for any further (wrong) redelivery or load
            assertThat(raw.loadsOf(name)).isEqualTo(1);
            assertThat(admin.pull(WATCH_DEAD_LETTERS)).isEmpty();
        } finally {
            admin.createTopic(EmulatorAdmin.PREFIX + Topics.RAW_EVENTS_LOADED.name());
            admin.createTopic(EmulatorAdmin.PREFIX + Topics.PIPELINE_FAILED.name());
        }
    }

    private void put(String name, String content) {
        storage.create(BlobInfo.newBuilder(BlobId.of(BUCKET, name)).setContentType("text/csv").build(),
                content.getBytes(StandardCharsets.UTF_8));
    }

    private String publishGcs(String eventType, String name) throws Exception {
        long size = storage.get(BlobId.of(BUCKET, name)).getSize();
        return admin.publish(NOTIFICATIONS_TOPIC, GcsNotifications.objectResource(BUCKET, name, 0, size),
                GcsNotifications.attributes(eventType, BUCKET, name, 0));
    }

    private static String envelope(String eventType, String name, String subscription) {
        String attributes = GcsNotifications.attributes(eventType, BUCKET, name, 0).entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"").reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        String data = Base64.getEncoder().encodeToString(GcsNotifications.objectResource(BUCKET, name, 0, 10));
        return """
                {"message": {"data": "%s", "attributes": {%s}, "messageId": "42", "message_id": "42",
                 "publishTime": "2026-11-27T11:21:28.735Z", "publish_time": "2026-11-27T11:21:28.735Z"},
                 "subscription": "%s"}""".formatted(data, attributes,
                subscription.startsWith("projects/") ? subscription : "projects/local-project/subscriptions/"
                        + subscription);
    }

    private List<PubsubMessage> pullUntilFound(String subscription, int count) {
        List<PubsubMessage> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() -> {
            found.addAll(admin.pull(subscription));
            return found.size() >= count;
        });
        return found;
    }
}
