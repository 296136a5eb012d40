package dev.estore.semantic.api;

import dev.estore.semantic.findings.Findings;
import dev.estore.semantic.findings.FindingsReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/findings")
public class FindingsResource {

    private final FindingsReport report;

    public FindingsResource(FindingsReport report) {
        this.report = report;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The four answers of the findings report, computed now through the semantic layer")
    public Findings findings() {
        return report.compute();
    }
}
