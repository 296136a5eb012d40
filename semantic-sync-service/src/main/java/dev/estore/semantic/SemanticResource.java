package dev.estore.semantic;

import dev.estore.shared.inbox.Inbox;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What the semantic-sync-service has heard so far. */
@Path("/semantic")
public class SemanticResource {

    private final SemanticTriggers triggers;

    public SemanticResource(SemanticTriggers triggers) {
        this.triggers = triggers;
    }

    @GET
    @Path("/inbox")
    @Operation(summary = "The last models-built / snapshots-taken messages received (the sync is not implemented yet)")
    public List<Inbox.Received> inbox() {
        return triggers.inbox().recent();
    }
}
