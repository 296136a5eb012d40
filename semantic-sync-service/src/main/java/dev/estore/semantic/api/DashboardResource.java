package dev.estore.semantic.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The dashboard is static files (META-INF/resources/dashboard); this gives it a short address. */
@Path("/dashboard")
public class DashboardResource {

    @GET
    @Operation(summary = "The dashboard page (redirects to /dashboard/index.html)")
    public Response dashboard() {
        return Response.seeOther(URI.create("/dashboard/index.html")).build();
    }
}
