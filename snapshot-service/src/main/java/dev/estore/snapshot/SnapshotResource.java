package dev.estore.snapshot;

import dev.estore.shared.inbox.Inbox;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What the snapshot-service has heard so far. */
@Path("/snapshots")
public class SnapshotResource {

    private final SnapshotTriggers triggers;

    public SnapshotResource(SnapshotTriggers triggers) {
        this.triggers = triggers;
    }

    @GET
    @Path("/inbox")
    @Operation(summary = "The last models-built messages received (snapshots themselves are not implemented yet)")
    public List<Inbox.Received> inbox() {
        return triggers.inbox().recent();
    }
}
