package dev.estore.shared.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns contract records into bus messages and back. Unknown JSON fields are ignored (a newer writer of the same
 * major version may add fields); a message of another type or a newer major version is unreadable.
 */
public final class MessageCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private MessageCodec() {
    }

    public static <T> BusMessage encode(Topic<T> topic, T message, String correlationId) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(BusMessage.ATTR_MESSAGE_TYPE, topic.messageType());
        attributes.put(BusMessage.ATTR_SCHEMA_VERSION, Integer.toString(topic.schemaVersion()));
        if (correlationId != null) {
            attributes.put(BusMessage.ATTR_CORRELATION_ID, correlationId);
        }
        try {
            return new BusMessage(UUID.randomUUID().toString(), topic.name(), JSON.writeValueAsBytes(message),
                    attributes, Instant.now());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot serialise " + topic.messageType() + ": " + e.getMessage(), e);
        }
    }

    public static <T> T decode(Topic<T> topic, BusMessage message) {
        String type = message.attributes().get(BusMessage.ATTR_MESSAGE_TYPE);
        if (type != null && !type.equals(topic.messageType())) {
            throw new UnreadableMessageException("message " + message.id() + " on topic " + topic.name()
                    + " has type " + type + ", expected " + topic.messageType());
        }
        String version = message.attributes().get(BusMessage.ATTR_SCHEMA_VERSION);
        if (version != null && !version.equals(Integer.toString(topic.schemaVersion()))) {
            throw new UnreadableMessageException("message " + message.id() + " on topic " + topic.name()
                    + " has schema version " + version + ", this reader understands version "
                    + topic.schemaVersion());
        }
        try {
            T value = JSON.readValue(message.data(), topic.type());
            if (value == null) {
                throw new UnreadableMessageException("message " + message.id() + " on topic " + topic.name()
                        + " has an empty body");
            }
            return value;
        } catch (IOException e) {
            throw new UnreadableMessageException("message " + message.id() + " on topic " + topic.name()
                    + " is not a readable " + topic.messageType() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The mapper contracts are written with, for adapters that need to parse envelopes around them. */
    public static ObjectMapper json() {
        return JSON;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
