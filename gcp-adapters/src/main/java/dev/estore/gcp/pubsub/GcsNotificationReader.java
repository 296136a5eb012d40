package dev.estore.gcp.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.estore.shared.contracts.BusMessage;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.contracts.ObjectNotification;
import dev.estore.shared.contracts.UnreadableMessageException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads a Cloud Storage Pub/Sub notification as GCS sends it: the attributes {@code eventType}, {@code bucketId},
 * {@code objectId}, {@code objectGeneration} and {@code payloadFormat}, with the object resource (JSON API v1)
 * as the payload. It becomes the loader's {@link ObjectNotification}; which events start a load is the loader's
 * decision (only OBJECT_FINALIZE of names matching its prefix and suffixes).
 */
public final class GcsNotificationReader {

    static final String EVENT_TYPE = "eventType";
    static final String BUCKET_ID = "bucketId";
    static final String OBJECT_ID = "objectId";
    static final String OBJECT_GENERATION = "objectGeneration";
    static final String PAYLOAD_FORMAT = "payloadFormat";
    static final String JSON_API_V1 = "JSON_API_V1";

    private GcsNotificationReader() {
    }

    /** True for a message GCS published (it has the notification attributes, not a contract's message_type). */
    public static boolean isGcsNotification(BusMessage message) {
        Map<String, String> attributes = message.attributes();
        return attributes.containsKey(EVENT_TYPE) && attributes.containsKey(BUCKET_ID)
                && attributes.containsKey(OBJECT_ID);
    }

    public static ObjectNotification read(BusMessage message) {
        Map<String, String> attributes = message.attributes();
        String format = attributes.get(PAYLOAD_FORMAT);
        if (!JSON_API_V1.equals(format)) {
            throw unreadable(message, "payloadFormat is " + format + ", not JSON_API_V1; create the bucket "
                    + "notification with the object resource as payload (gcloud storage buckets notifications "
                    + "create ... --payload-format=json)");
        }
        ObjectNotification.EventType eventType;
        try {
            eventType = ObjectNotification.EventType.valueOf(attributes.get(EVENT_TYPE));
        } catch (IllegalArgumentException e) {
            throw unreadable(message, "unknown eventType " + attributes.get(EVENT_TYPE));
        }
        JsonNode object;
        try {
            object = MessageCodec.json().readTree(message.data());
        } catch (IOException e) {
            throw unreadable(message, "the payload is not the JSON object resource: " + e.getMessage());
        }
        if (object == null || !object.isObject()) {
            throw unreadable(message, "the payload is not a JSON object");
        }
        return new ObjectNotification(eventType, attributes.get(BUCKET_ID), attributes.get(OBJECT_ID),
                number(message, attributes.get(OBJECT_GENERATION), OBJECT_GENERATION),
                // The JSON API writes 64-bit numbers as strings ("size": "1234").
                object.hasNonNull("size") ? number(message, object.get("size").asText(), "size") : 0L,
                object.path("contentType").asText(null), instant(message, object.path("timeCreated").asText(null)));
    }

    private static long number(BusMessage message, String text, String field) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException | NullPointerException e) {
            throw unreadable(message, field + " is not a number: " + text);
        }
    }

    private static Instant instant(BusMessage message, String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw unreadable(message, "timeCreated is not an RFC 3339 time: " + text);
        }
    }

    private static UnreadableMessageException unreadable(BusMessage message, String why) {
        return new UnreadableMessageException("GCS notification " + message.id() + " for gs://"
                + message.attributes().get(BUCKET_ID) + "/" + message.attributes().get(OBJECT_ID) + " is unreadable: "
                + why);
    }
}
