package dev.estore.transform.api;

import dev.estore.shared.api.StaticPages;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The runs page is static files (META-INF/resources/runs-ui), beside /runs rather than under it: a static file
 * takes precedence over JAX-RS, so a page at /runs/ would answer GET /runs/ with HTML instead of the run list.
 * This gives it an address without the trailing slash.
 */
@Path("/runs-ui")
public class RunsPageResource {

    @GET
    @Operation(summary = "The runs page (redirects to /runs-ui/index.html, keeping ?run=ID)")
    public Response runsPage(@Context UriInfo uri) {
        return StaticPages.redirectToIndex(uri, "/runs-ui");
    }
}
