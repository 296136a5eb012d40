package dev.estore.loader;

import dev.estore.shared.ports.RawEventsStore;
import dev.estore.shared.ports.RawEventsStore.LoadRecord;
import dev.estore.shared.ports.RawEventsStore.RejectedRow;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The loader's HTTP API: load an object now, and read the load ledger. */
@Path("/loads")
public class LoadsResource {

    private final LoaderService loader;
    private final RawEventsStore raw;

    public LoadsResource(LoaderService loader, RawEventsStore raw) {
        this.loader = loader;
        this.raw = raw;
    }

    public record LoadCommand(String bucket, String object) {
    }

    public record LoadDetail(LoadRecord load, List<RejectedRow> rejects) {
    }

    @POST
    @Operation(summary = "Load the current generation of a bucket object now (skipped if already loaded)")
    public LoadResult load(LoadCommand command) throws IOException {
        if (command == null || command.object() == null || command.object().isBlank()) {
            throw new BadRequestException("Give the object to load: {\"object\": \"2019-Oct.csv\"} "
                    + "(and \"bucket\" when it is not the default bucket)");
        }
        try {
            return loader.loadNow(command.bucket(), command.object());
        } catch (NoSuchFileException e) {
            throw new NotFoundException(e.getFile() + ": " + e.getReason());
        }
    }

    public record SweepCommand(String bucket) {
    }

    @POST
    @Path("/sweep")
    @Operation(summary = "Load every matching object of the bucket that the ledger does not hold yet (catch-up)")
    public LoaderService.SweepReport sweep(SweepCommand command) throws IOException {
        return loader.sweep(command == null ? null : command.bucket());
    }

    @GET
    @Operation(summary = "The most recent loads, newest first")
    public List<LoadRecord> recent(@QueryParam("limit") @DefaultValue("100") int limit) {
        return raw.recent(Math.max(1, Math.min(limit, 10_000)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One load with the first rejected rows (file line, reason, raw line)")
    public LoadDetail one(@PathParam("id") String id, @QueryParam("rejects") @DefaultValue("100") int rejects) {
        LoadRecord record = raw.find(id).orElseThrow(() -> new NotFoundException("No load " + id));
        return new LoadDetail(record, raw.rejects(id, Math.max(0, Math.min(rejects, 10_000))));
    }
}
