package dev.estore.gcp.pubsub;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * The body of a Pub/Sub push: {@code {"message": {"data": base64, "attributes", "messageId", "publishTime"},
 * "subscription": "projects/p/subscriptions/id", "deliveryAttempt"}}. Pub/Sub also repeats the ids and times in
 * snake_case; those copies are ignored. {@code deliveryAttempt} is only sent when the subscription has a
 * dead-letter policy.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PushEnvelope(Message message, String subscription, Integer deliveryAttempt) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String data, Map<String, String> attributes, String messageId, String publishTime,
            String orderingKey) {
    }
}
