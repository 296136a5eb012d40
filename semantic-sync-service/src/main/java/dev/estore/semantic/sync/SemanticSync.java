package dev.estore.semantic.sync;

import dev.estore.shared.logging.LogContext;
import dev.estore.semantic.catalog.CatalogResolver;
import dev.estore.semantic.catalog.SemanticLayer;
import dev.estore.semantic.omni.OmniSync;
import dev.estore.shared.contracts.SemanticLayerSynced;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.work.WorkEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One sync: validate the semantic layer against the warehouse, refresh the BI tool, announce it. A broken
 * reference stops the sync (pipeline-failed names every one) and nothing is announced; a BI failure is reported
 * but does not stop it, because the layer itself is valid and the next build refreshes Omni again.
 */
@ApplicationScoped
public class SemanticSync {

    public static final String SERVICE = "semantic-sync-service";
    private static final Logger LOG = Logger.getLogger(SemanticSync.class);

    private final SemanticLayer layer;
    private final OmniSync omni;
    private final EventBus bus;
    private final FailureReporter failures;
    private final Event<WorkEvent> work;
    private final AtomicLong sequence = new AtomicLong();
    private final List<SyncOutcome> history = new ArrayList<>();

    public SemanticSync(SemanticLayer layer, OmniSync omni, EventBus bus, FailureReporter failures,
            Event<WorkEvent> work) {
        this.layer = layer;
        this.omni = omni;
        this.bus = bus;
        this.failures = failures;
        this.work = work;
    }

    /** What one sync did. */
    public record SyncOutcome(String syncId, String trigger, boolean valid, List<String> problems,
            boolean biRefreshed, String biError, Instant at) {
    }

    public synchronized SyncOutcome sync(String trigger) {
        String syncId = "sync-" + sequence.incrementAndGet() + "-" + Instant.now().toEpochMilli();
        work.fire(WorkEvent.started(SERVICE, syncId));
        try (LogContext sync = LogContext.of("syncId", syncId)) {
            CatalogResolver.Resolution resolution = layer.validate();
            if (!resolution.valid()) {
                failures.report(SERVICE, "validate", trigger, "the semantic layer does not match the warehouse, "
                        + "so it was not published (" + resolution.problems().size() + " problem(s)): "
                        + String.join(" | ", resolution.problems()));
                return remember(new SyncOutcome(syncId, trigger, false, resolution.problems(), false, null,
                        Instant.now()));
            }
            failures.succeeded(SERVICE, "validate", syncId);
            boolean refreshed = false;
            String biError = null;
            try {
                refreshed = omni.sync(resolution.catalog(), syncId);
                if (refreshed) {
                    failures.succeeded(SERVICE, "omni-refresh", syncId);
                }
            } catch (RuntimeException e) {
                biError = FailureReporter.describe(e);
                failures.report(SERVICE, "omni-refresh", trigger, "Omni was not refreshed (the semantic layer is "
                        + "valid and published; the next build retries): " + biError);
            }
            var catalog = resolution.catalog();
            bus.publish(Topics.SEMANTIC_LAYER_SYNCED, new SemanticLayerSynced(syncId, trigger,
                    List.copyOf(catalog.topics().keySet()), catalog.views().size(), refreshed, Instant.now()), syncId);
            LOG.infof("Semantic layer %s (%s): %d views and topics %s validated against the warehouse; Omni %s",
                    syncId, trigger, catalog.views().size(), catalog.topics().keySet(),
                    refreshed ? "refreshed" : biError == null ? "sync off" : "NOT refreshed");
            return remember(new SyncOutcome(syncId, trigger, true, List.of(), refreshed, biError, Instant.now()));
        } finally {
            work.fire(WorkEvent.ended(SERVICE, syncId));
        }
    }

    public synchronized List<SyncOutcome> history() {
        return List.copyOf(history);
    }

    private SyncOutcome remember(SyncOutcome outcome) {
        history.add(outcome);
        if (history.size() > 50) {
            history.remove(0);
        }
        return outcome;
    }
}
