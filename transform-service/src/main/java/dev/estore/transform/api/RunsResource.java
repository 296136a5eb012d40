package dev.estore.transform.api;

import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.BuildRunner;
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
    private final BuildRunner models;

    public RunsResource(BuildCoordinator builds, RunHistory history, BuildRunner models) {
        this.builds = builds;
        this.history = history;
        this.models = models;
    }

    /**
     * {@code select} and {@code exclude} in dbt's selector grammar ("fct_events", "+dim_users", "fct_sessions+",
     * "tag:customers", "path:marts", "config.materialized:table", comma = and, space = or); no select: all models.
     */
    public record RunCommand(List<String> select, List<String> exclude, boolean fullRefresh) {
    }

    public record Accepted(String runId, String status) {
    }

    @POST
    @Operation(summary = "Queue a build (joins a queued one); answers 202 with the run id to follow")
    public Response start(RunCommand command) {
        RunCommand asked = command == null ? new RunCommand(List.of(), List.of(), false) : command;
        List<String> select = asked.select() == null ? List.of() : asked.select();
        if (asked.exclude() != null && !asked.exclude().isEmpty()) {
            // an exclusion is resolved now, to the models it leaves: queued requests merge by union
            select = models.selection(select, asked.exclude());
            if (select.isEmpty()) {
                throw new IllegalArgumentException("select " + asked.select() + " less exclude " + asked.exclude()
                        + " leaves no model to build");
            }
        }
        // an unknown model in select is an IllegalArgumentException: ApiErrors answers 400 with its message
        String runId = builds.submit(new BuildRequest(select, asked.fullRefresh(), List.of("http")));
        return Response.accepted(new Accepted(runId, "QUEUED")).header("Location", "/runs/" + runId).build();
    }

    /** Whether builds are paused, and the build queued meanwhile (null when none). */
    public record BuildsPaused(boolean paused, String queuedRunId) {
    }

    @POST
    @Path("/pause")
    @Operation(summary = "Pause builds (e.g. during a backfill): triggers queue one build that waits for resume; "
            + "lasts until resumed or the service restarts")
    public BuildsPaused pause() {
        builds.pause();
        return pausedState();
    }

    @POST
    @Path("/resume")
    @Operation(summary = "Resume builds: a build queued while paused starts at once")
    public BuildsPaused resume() {
        builds.resume();
        return pausedState();
    }

    private BuildsPaused pausedState() {
        return new BuildsPaused(builds.paused(), builds.queuedRunId().orElse(null));
    }

    @GET
    @Operation(summary = "Recent runs, newest first")
    public List<RunRecord> recent() {
        return history.recent();
    }

    @jakarta.ws.rs.DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a queued build (409 when it already runs or ended)")
    public RunRecord cancel(@PathParam("id") String id) {
        return builds.cancel(id).orElseThrow(() -> history.find(id)
                .<RuntimeException>map(run -> new jakarta.ws.rs.ClientErrorException("Run " + id + " is "
                        + run.status().name().toLowerCase(java.util.Locale.ROOT) + "; only a queued build can be "
                        + "cancelled", 409))
                .orElseGet(() -> new NotFoundException("No run " + id)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One run: status, per-model timing and row counts, test results")
    public RunRecord one(@PathParam("id") String id) {
        return history.find(id).orElseThrow(() -> new NotFoundException("No run " + id));
    }
}
