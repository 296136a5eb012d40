package dev.estore.transform.api;

import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.RunHistory;
import dev.estore.transform.build.RunRecord;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Start builds and read their history. */
@Path("/runs")
public class RunsResource {

    private final BuildCoordinator builds;
    private final RunHistory history;

    public RunsResource(BuildCoordinator builds, RunHistory history) {
        this.builds = builds;
        this.history = history;
    }

    /** {@code select}: model names, "model+" for a model and its descendants; empty for all models. */
    public record RunCommand(List<String> select, boolean fullRefresh) {
    }

    public record Accepted(String runId, String status) {
    }

    @POST
    @Operation(summary = "Queue a build (joins a queued one); answers 202 with the run id to follow")
    public Response start(RunCommand command) {
        RunCommand asked = command == null ? new RunCommand(List.of(), false) : command;
        // an unknown model in select is an IllegalArgumentException: ApiErrors answers 400 with its message
        String runId = builds.submit(new BuildRequest(asked.select(), asked.fullRefresh(), List.of("http")));
        return Response.accepted(new Accepted(runId, "QUEUED")).header("Location", "/runs/" + runId).build();
    }

    @GET
    @Operation(summary = "Recent runs, newest first")
    public List<RunRecord> recent() {
        return history.recent();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One run: status, per-model timing and row counts, test results")
    public RunRecord one(@PathParam("id") String id) {
        return history.find(id).orElseThrow(() -> new NotFoundException("No run " + id));
    }
}
