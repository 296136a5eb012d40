package dev.estore.runner.docs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The docs site in ./estore serve, at /docs. */
@Path("/docs")
public class DocsResource {

    private final DocsSite site;

    public DocsResource(DocsSite site) {
        this.site = site;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The project's docs: lineage of sources, models, snapshots and topics, and each one's page")
    public String docs() {
        return site.html();
    }
}
