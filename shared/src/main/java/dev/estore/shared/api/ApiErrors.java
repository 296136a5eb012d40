package dev.estore.shared.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.DateTimeException;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * One error policy for every service's HTTP API, answered as {@code {"error": "..."}}:
 * <ul>
 * <li>a body that is not JSON of the endpoint's shape: 400, naming the field (as a JSON path) and what it must be;
 * <li>IllegalArgumentException or DateTimeException: 400. The services throw them for a value the caller chose
 * (an unknown bucket, a null in a selection, a date out of range), with a message that says what to send instead;
 * <li>a WebApplicationException keeps its status (404 for an unknown run, 400 for a missing body);
 * <li>anything else is the server's fault: 500 with an error id, and the stack trace in the log under that id.
 * </ul>
 * A service maps its own exceptions beside this (the semantic layer's QueryException, 400).
 */
public class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    @ServerExceptionMapper
    public Response mismatchedBody(MismatchedInputException e) {
        return unreadableBody(e); // ahead of Quarkus' own mapper, which answers 400 with no reason
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " at " + path(mapping) : "";
        return answer(Response.Status.BAD_REQUEST, "The request body is not what this endpoint takes" + field + ": "
                + e.getOriginalMessage() + ". Send JSON as described at /q/openapi.");
    }

    @ServerExceptionMapper
    public Response refusedValue(IllegalArgumentException e) {
        return answer(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response refusedDate(DateTimeException e) {
        return answer(Response.Status.BAD_REQUEST, "A date or time is out of range or malformed: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response withItsStatus(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) { // the JSON reader wraps its errors
            return unreadableBody(unreadable);
        }
        if (e instanceof NotFoundException && e.getCause() instanceof IllegalArgumentException notConverted) {
            // JAX-RS answers 404 when a query parameter cannot be converted (limit=abc); it is the caller's mistake
            return answer(Response.Status.BAD_REQUEST, "A query parameter is not of its type (" + notConverted
                    .getMessage() + "); see /q/openapi for the parameters of this endpoint.");
        }
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        return answer(original.getStatus(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response serverFault(Exception e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Request failed (error id %s)", errorId);
        return answer(Response.Status.INTERNAL_SERVER_ERROR.getStatusCode(), "Internal error " + errorId + " ("
                + e.getClass().getSimpleName() + "); the server log has the details under that id.");
    }

    private static Response answer(Response.Status status, String message) {
        return answer(status.getStatusCode(), message);
    }

    private static Response answer(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message == null ? "" : message)).build();
    }

    /** The field as a JSON path: {@code filters[0].value}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
