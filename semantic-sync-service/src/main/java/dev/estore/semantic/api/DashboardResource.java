package dev.estore.semantic.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The dashboard is static files (META-INF/resources/dashboard); this gives it a short address. */
@Path("/dashboard")
public class DashboardResource {

    @GET
    @Operation(summary = "The dashboard page (redirects to /dashboard/index.html, keeping the filters in the query)")
    public Response dashboard(@Context UriInfo uri) {
        // the filters live in the query string: /dashboard?category=x is the same view as the page's own URL
        String query = uri.getRequestUri().getRawQuery();
        return Response.seeOther(URI.create("/dashboard/index.html" + (query == null ? "" : "?" + query))).build();
    }
}
