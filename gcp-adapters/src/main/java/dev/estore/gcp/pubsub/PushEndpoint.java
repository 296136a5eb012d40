package dev.estore.gcp.pubsub;

import dev.estore.shared.contracts.BusMessage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Where push subscriptions deliver (Cloud Run). Pub/Sub treats every non-2xx answer as a nack and redelivers
 * with the subscription's backoff until its dead-letter policy moves the message to the dead-letter topic, so:
 * <ul>
 * <li>2xx: handled (or nothing to do), acknowledged;</li>
 * <li>400 (unreadable envelope) and 422 (unreadable message): poison, never handled; they end in the dead-letter
 * topic after the policy's maximum delivery attempts. Without a dead-letter policy they would be redelivered until
 * the retention period ends, so every push subscription needs one;</li>
 * <li>401 (token refused) and 404 (a subscription this app does not serve): a deployment error, logged, retried
 * the same way until it is fixed or the message is dead-lettered;</li>
 * <li>503: the handler failed, possibly transiently; Pub/Sub retries.</li>
 * </ul>
 */
@Path(PushEndpoint.PATH)
public class PushEndpoint {

    public static final String PATH = "/pubsub/push";
    private static final Logger LOG = Logger.getLogger(PushEndpoint.class);

    private final SubscriptionRoutes routes;
    private final PushAuthenticator authenticator;

    public PushEndpoint(SubscriptionRoutes routes, PushAuthenticator authenticator) {
        this.routes = routes;
        this.authenticator = authenticator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    public Response push(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PushAuthenticator.SERVERLESS_AUTHORIZATION) String serverlessAuthorization,
            PushEnvelope envelope) {
        var refusal = authenticator.refusal(authorization, serverlessAuthorization);
        if (refusal.isPresent()) {
            LOG.errorf("Push refused: %s", refusal.get());
            return answer(Response.Status.UNAUTHORIZED, refusal.get());
        }
        if (envelope == null || envelope.message() == null || envelope.subscription() == null) {
            LOG.errorf("Push without message or subscription refused; it will end in the dead-letter topic");
            return answer(Response.Status.BAD_REQUEST, "not a Pub/Sub push envelope: message and subscription "
                    + "are required");
        }
        String subscriptionId = PubSubNames.idOf(envelope.subscription());
        var route = routes.find(subscriptionId);
        if (route.isEmpty()) {
            LOG.errorf("Push for subscription %s, which this app does not serve (it serves %s): point the push "
                    + "subscription at the service that subscribes to it", subscriptionId, routes.ids());
            return answer(Response.Status.NOT_FOUND, "this app does not serve subscription " + subscriptionId
                    + "; it serves " + routes.ids());
        }
        BusMessage message;
        try {
            message = toBusMessage(route.get(), envelope.message());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            LOG.errorf("Subscription %s: push of message %s has an unreadable envelope (%s); it will end in the "
                    + "dead-letter topic", subscriptionId, envelope.message().messageId(), e.getMessage());
            return answer(Response.Status.BAD_REQUEST, "unreadable push message: " + e.getMessage());
        }
        int attempt = envelope.deliveryAttempt() == null ? 1 : envelope.deliveryAttempt();
        DeliveryResult result = route.get().deliver(message, attempt);
        return switch (result.kind()) {
            case ACK -> Response.noContent().build();
            case UNREADABLE -> answer(422, result.reason());
            case RETRY -> answer(Response.Status.SERVICE_UNAVAILABLE, result.reason());
        };
    }

    private static BusMessage toBusMessage(SubscriptionRoute<?> route, PushEnvelope.Message message) {
        byte[] data = message.data() == null ? new byte[0] : Base64.getDecoder().decode(message.data());
        Map<String, String> attributes = message.attributes() == null ? Map.of() : message.attributes();
        Instant published = message.publishTime() == null ? Instant.now() : Instant.parse(message.publishTime());
        return new BusMessage(message.messageId(), route.topic().name(), data, attributes, published);
    }

    private static Response answer(Response.Status status, String reason) {
        return answer(status.getStatusCode(), reason);
    }

    private static Response answer(int status, String reason) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(reason).build();
    }
}
