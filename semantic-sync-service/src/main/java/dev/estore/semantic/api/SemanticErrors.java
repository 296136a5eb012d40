package dev.estore.semantic.api;

import dev.estore.semantic.catalog.LayerNotReadyException;
import dev.estore.semantic.query.QueryException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused query is the caller's to fix (400); a layer that does not match the warehouse is not ready (503). */
public class SemanticErrors {

    @ServerExceptionMapper
    public Response badQuery(QueryException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response notReady(LayerNotReadyException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage())).build();
    }
}
