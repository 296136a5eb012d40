package dev.estore.shared.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A message as it travels on a bus: opaque JSON bytes plus string attributes, the shape of a Pub/Sub message.
 * Attributes carry the message type, schema version and correlation id so a reader can route or reject a
 * message without parsing it.
 */
public record BusMessage(String id, String topic, byte[] data, Map<String, String> attributes, Instant publishTime) {

    public static final String ATTR_MESSAGE_TYPE = "message_type";
    public static final String ATTR_SCHEMA_VERSION = "schema_version";
    public static final String ATTR_CORRELATION_ID = "correlation_id";

    public BusMessage {
        attributes = Map.copyOf(attributes);
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
