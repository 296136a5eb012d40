package dev.estore.gcp.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.gcp.testing.GcsNotifications;
import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.ObjectNotification;
import dev.estore.shared.contracts.ObjectNotification.EventType;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.contracts.UnreadableMessageException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcsNotificationReaderTest {

    static BusMessage gcsNotification(String eventType, String bucket, String name, long generation, long size) {
        return new BusMessage("17", Topics.OBJECT_NOTIFICATIONS.name(),
                GcsNotifications.objectResource(bucket, name, generation, size),
                GcsNotifications.attributes(eventType, bucket, name, generation), Instant.now());
    }

    @Test
    void aFinalizeBecomesTheLoadersNotification() {
        BusMessage message = gcsNotification("OBJECT_FINALIZE", "raw", "events/2019-Oct.csv", 1732700130123456L, 1234);

        ObjectNotification notification = GcsNotificationReader.read(message);

        assertThat(GcsNotificationReader.isGcsNotification(message)).isTrue();
        assertThat(notification.eventType()).isEqualTo(EventType.OBJECT_FINALIZE);
        assertThat(notification.object()).isEqualTo(new ObjectRef("raw", "events/2019-Oct.csv", 1732700130123456L));
        assertThat(notification.size()).isEqualTo(1234);
        assertThat(notification.contentType()).isEqualTo("text/csv");
        assertThat(notification.timeCreated()).isEqualTo(Instant.parse("2026-11-27T10:15:30.123Z"));
    }

    @Test
    void deletesAndMetadataUpdatesKeepTheirType() {
        assertThat(GcsNotificationReader.read(gcsNotification("OBJECT_DELETE", "raw", "a.csv", 5, 1)).eventType())
                .isEqualTo(EventType.OBJECT_DELETE);
        assertThat(GcsNotificationReader.read(gcsNotification("OBJECT_METADATA_UPDATE", "raw", "a.csv", 5, 1))
                .eventType()).isEqualTo(EventType.OBJECT_METADATA_UPDATE);
    }

    @Test
    void aNotificationWithoutThePayloadOrOfAnUnknownTypeIsUnreadable() {
        BusMessage none = gcsNotification("OBJECT_FINALIZE", "raw", "a.csv", 5, 1);
        Map<String, String> attributes = new HashMap<>(none.attributes());
        attributes.put("payloadFormat", "NONE");
        BusMessage withoutPayload = new BusMessage("1", none.topic(), new byte[0], attributes, Instant.now());

        assertThatThrownBy(() -> GcsNotificationReader.read(withoutPayload))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("gs://raw/a.csv")
                .hasMessageContaining("--payload-format=json");
        assertThatThrownBy(() -> GcsNotificationReader.read(gcsNotification("OBJECT_EXPLODED", "raw", "a.csv", 5, 1)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("unknown eventType");
    }

    @Test
    void aContractMessageIsNotTakenForAGcsNotification() {
        BusMessage contract = MessageCodec.encode(Topics.OBJECT_NOTIFICATIONS, ObjectNotification.finalized(
                new ObjectRef("raw", "a.csv", 3), 10, "text/csv", Instant.now()), "x");

        assertThat(GcsNotificationReader.isGcsNotification(contract)).isFalse();
    }
}
