package dev.estore.semantic.api;

import dev.estore.shared.api.StaticPages;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The dashboard is static files (META-INF/resources/dashboard); this gives it a short address. */
@Path("/dashboard")
public class DashboardResource {

    @GET
    @Operation(summary = "The dashboard page (redirects to /dashboard/index.html, keeping the filters in the query)")
    public Response dashboard(@Context UriInfo uri) {
        return StaticPages.redirectToIndex(uri, "/dashboard");
    }
}
