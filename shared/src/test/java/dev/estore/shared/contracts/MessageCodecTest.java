package dev.estore.shared.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final Instant T1 = Instant.parse("2024-05-01T10:15:30.123456Z");
    private static final Instant T2 = Instant.parse("2024-05-01T10:16:00.000001Z");
    private static final ObjectRef REF = new ObjectRef("estore-raw", "2024/05/events.csv.gz", 1714558530123456L);

    private static Map<Topic<?>, Object> samples() {
        Map<Topic<?>, Object> samples = new LinkedHashMap<>();
        samples.put(Topics.OBJECT_NOTIFICATIONS, ObjectNotification.finalized(REF, 1234, "application/gzip", T1));
        samples.put(Topics.RAW_EVENTS_LOADED, new RawEventsLoaded("load-1", REF, 100, 2, T1, T2, T2,
                1714550000000000L));
        samples.put(Topics.MODELS_BUILT, new ModelsBuilt("run-1", "daily", List.of(
                new ModelsBuilt.BuiltModel("stg_events", "staging.stg_events", "view", 0, 12),
                new ModelsBuilt.BuiltModel("fct_events", "marts.fct_events", "incremental", 98, 340)), 7, T1, T2));
        samples.put(Topics.SNAPSHOTS_TAKEN, new SnapshotsTaken("snap-1", "models-built",
                List.of(new SnapshotsTaken.SnapshotCounts("customers", 3, 2, 1, 40)), T2));
        samples.put(Topics.SEMANTIC_LAYER_SYNCED, new SemanticLayerSynced("sync-1", "models-built",
                List.of("sales", "customers"), 5, true, T2));
        samples.put(Topics.PIPELINE_FAILED, new PipelineFailed("loader", "load", REF.uri(), "bad header", T1));
        return samples;
    }

    @Test
    void everyTopicHasASample() {
        assertThat(samples().keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void everyTopicMessageRoundTrips() {
        samples().forEach(MessageCodecTest::assertRoundTrip);
    }

    private static <T> void assertRoundTrip(Topic<T> topic, Object sample) {
        T message = topic.type().cast(sample);
        BusMessage encoded = MessageCodec.encode(topic, message, "corr-1");

        assertEquals(message, MessageCodec.decode(topic, encoded), topic.name());
        assertThat(encoded.topic()).isEqualTo(topic.name());
        assertThat(encoded.id()).isNotBlank();
        assertThat(encoded.attributes()).containsOnly(
                Map.entry(BusMessage.ATTR_MESSAGE_TYPE, topic.type().getSimpleName()),
                Map.entry(BusMessage.ATTR_SCHEMA_VERSION, "1"),
                Map.entry(BusMessage.ATTR_CORRELATION_ID, "corr-1"));
    }

    @Test
    void nullCorrelationIdLeavesTheAttributeOut() {
        BusMessage encoded = MessageCodec.encode(Topics.PIPELINE_FAILED,
                new PipelineFailed("s", "st", "subj", "r", T1), null);

        assertThat(encoded.attributes()).doesNotContainKey(BusMessage.ATTR_CORRELATION_ID);
    }

    @Test
    void unknownJsonFieldsAreIgnored() {
        String json = "{\"service\":\"loader\",\"stage\":\"load\",\"subject\":\"s1\",\"reason\":\"r\","
                + "\"failedAt\":\"2024-05-01T10:15:30.123456Z\",\"severity\":\"high\",\"extra\":{\"a\":[1,2]}}";

        PipelineFailed decoded = MessageCodec.decode(Topics.PIPELINE_FAILED,
                message("pipeline-failed", json, "PipelineFailed", "1"));

        assertThat(decoded).isEqualTo(new PipelineFailed("loader", "load", "s1", "r", T1));
    }

    @Test
    void wrongMessageTypeIsUnreadable() {
        BusMessage wrongType = MessageCodec.encode(Topics.SEMANTIC_LAYER_SYNCED,
                new SemanticLayerSynced("sync-1", "t", List.of(), 0, false, T1), null);
        BusMessage onFailedTopic = message("pipeline-failed", wrongType.text(), "SemanticLayerSynced", "1");

        assertThatThrownBy(() -> MessageCodec.decode(Topics.PIPELINE_FAILED, onFailedTopic))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("pipeline-failed")
                .hasMessageContaining("SemanticLayerSynced");
    }

    @Test
    void newerSchemaVersionIsUnreadable() {
        BusMessage encoded = MessageCodec.encode(Topics.PIPELINE_FAILED,
                new PipelineFailed("s", "st", "subj", "r", T1), null);
        BusMessage newer = message("pipeline-failed", encoded.text(), "PipelineFailed", "2");

        assertThatThrownBy(() -> MessageCodec.decode(Topics.PIPELINE_FAILED, newer))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("pipeline-failed")
                .hasMessageContaining("schema version 2");
    }

    @Test
    void malformedJsonIsUnreadable() {
        BusMessage malformed = message("raw-events-loaded", "{\"loadId\": \"l1\", ", "RawEventsLoaded", "1");

        assertThatThrownBy(() -> MessageCodec.decode(Topics.RAW_EVENTS_LOADED, malformed))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("raw-events-loaded");
    }

    @Test
    void jsonNullBodyIsUnreadable() {
        BusMessage empty = message("pipeline-failed", "null", "PipelineFailed", "1");

        assertThatThrownBy(() -> MessageCodec.decode(Topics.PIPELINE_FAILED, empty))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("pipeline-failed");
    }

    @Test
    void instantsKeepMicrosecondPrecision() {
        Instant precise = Instant.parse("2024-02-29T23:59:59.999999Z");
        BusMessage encoded = MessageCodec.encode(Topics.PIPELINE_FAILED,
                new PipelineFailed("s", "st", "subj", "r", precise), null);

        Instant decoded = MessageCodec.decode(Topics.PIPELINE_FAILED, encoded).failedAt();

        assertThat(decoded).isEqualTo(precise);
        assertThat(decoded.getNano()).isEqualTo(999_999_000);
        assertThat(encoded.text()).contains("2024-02-29T23:59:59.999999Z");
    }

    private static BusMessage message(String topic, String json, String type, String version) {
        return new BusMessage("m-1", topic, json.getBytes(StandardCharsets.UTF_8),
                Map.of(BusMessage.ATTR_MESSAGE_TYPE, type, BusMessage.ATTR_SCHEMA_VERSION, version), T1);
    }
}
