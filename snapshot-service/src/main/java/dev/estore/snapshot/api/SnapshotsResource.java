package dev.estore.snapshot.api;

import dev.estore.snapshot.definition.SnapshotCatalog;
import dev.estore.snapshot.definition.SnapshotDefinition;
import dev.estore.snapshot.query.Migrations;
import dev.estore.snapshot.query.PointInTime;
import dev.estore.snapshot.query.SnapshotQueries;
import dev.estore.snapshot.run.SnapshotOutcome;
import dev.estore.snapshot.run.SnapshotRun;
import dev.estore.snapshot.run.SnapshotRunLog;
import dev.estore.snapshot.run.SnapshotService;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Take snapshots now and read their history. */
@Path("/snapshots")
public class SnapshotsResource {

    private final SnapshotCatalog catalog;
    private final SnapshotService snapshots;
    private final SnapshotRunLog runs;
    private final SnapshotQueries queries;

    public SnapshotsResource(SnapshotCatalog catalog, SnapshotService snapshots, SnapshotRunLog runs,
            SnapshotQueries queries) {
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.runs = runs;
        this.queries = queries;
    }

    /**
     * A snapshot as defined, with its table's size ({@code rows}, {@code currentRows}: null before the first run)
     * and its last run.
     */
    public record SnapshotView(String name, String file, String description, String source, String relation,
            List<String> uniqueKey, String strategy, List<String> checkCols, String updatedAt, List<String> columns,
            boolean invalidateHardDeletes, String migrationColumn, Long rows, Long currentRows,
            SnapshotOutcome lastRun) {
    }

    @GET
    @Operation(summary = "Every snapshot with its definition, row counts (all versions and current ones) and last "
            + "run (time and counts)")
    public List<SnapshotView> all() {
        return catalog.all().stream().map(this::view).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One snapshot with its definition, row counts and last run")
    public SnapshotView one(@PathParam("name") String name) {
        return view(definition(name));
    }

    @POST
    @Path("/run")
    @Operation(summary = "Take every snapshot now (one transaction each); 200 with the counts, or 500 with the "
            + "reasons when one failed (its table keeps its previous state)")
    public Response runAll() {
        return answer(snapshots.runAll("http"));
    }

    @POST
    @Path("/{name}/run")
    @Operation(summary = "Take one snapshot now; 200 with the counts (new keys, changed, closed, unchanged), or "
            + "500 with the reason when it failed (the table keeps its previous state)")
    public Response runOne(@PathParam("name") String name) {
        definition(name);
        return answer(snapshots.runOne(name, "http"));
    }

    @GET
    @Path("/{name}/history")
    @Operation(summary = "Every version of one key, oldest first (valid_to is null for the current one); repeat "
            + "key=... for a composite unique key")
    public List<Map<String, Object>> history(@PathParam("name") String name, @QueryParam("key") List<String> key) {
        SnapshotDefinition definition = definition(name);
        if (key == null || key.isEmpty()) {
            throw new BadRequestException("key is required: /snapshots/" + name + "/history?key=...");
        }
        return queries.history(definition, key);
    }

    @GET
    @Path("/{name}/migrations")
    @Operation(summary = "How many keys moved from each value of a column to each value between two instants "
            + "(unchanged pairs included), for the keys present at both. from/to: a date (yyyy-mm-dd, the end of "
            + "that day, UTC) or an ISO date-time; column: defaults to the snapshot's migration_column")
    public Migrations migrations(@PathParam("name") String name, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("column") String column) {
        SnapshotDefinition definition = definition(name);
        String chosen = column == null || column.isBlank() ? definition.migrationColumn() : column;
        // a malformed instant or an unknown column is an IllegalArgumentException: ApiErrors answers 400
        Instant start = PointInTime.parse("from", from);
        Instant end = PointInTime.parse("to", to);
        if (chosen == null) {
            throw new BadRequestException("column is required: snapshot " + name + " has no migration_column");
        }
        return queries.migrations(definition, chosen, start, end);
    }

    private SnapshotDefinition definition(String name) {
        return catalog.find(name).orElseThrow(() -> new NotFoundException("No snapshot " + name + ". Snapshots: "
                + catalog.names()));
    }

    private SnapshotView view(SnapshotDefinition definition) {
        var sizes = queries.sizes(definition);
        return new SnapshotView(definition.name(), definition.file(), definition.description(),
                definition.source().toString(), definition.target().toString(), definition.uniqueKey(),
                definition.strategy().name().toLowerCase(), definition.checkAll() ? List.of("all")
                        : definition.checkCols(),
                definition.updatedAt(), definition.carriesAllColumns() ? List.of("all") : definition.columns(),
                definition.invalidateHardDeletes(), definition.migrationColumn(),
                sizes.map(SnapshotQueries.Sizes::rows).orElse(null),
                sizes.map(SnapshotQueries.Sizes::currentRows).orElse(null), runs.last(definition.name()).orElse(null));
    }

    private static Response answer(SnapshotRun run) {
        return Response.status(run.status() == SnapshotOutcome.Status.SUCCESS ? 200 : 500).entity(run).build();
    }
}
