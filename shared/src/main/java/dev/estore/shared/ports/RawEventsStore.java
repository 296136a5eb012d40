package dev.estore.shared.ports;

import dev.estore.shared.contracts.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The warehouse side of the loader: raw.events, the rejects table and the load ledger, kept consistent in one
 * transaction per load so that each object generation is loaded exactly once.
 */
public interface RawEventsStore {

    /**
     * Loads one object generation in a single transaction: skips it when the ledger already holds that
     * generation, otherwise replaces the rows of the object's other generations, inserts the valid rows with
     * lineage, stores malformed rows in the rejects table and records the load in the ledger. Callers pass only
     * generations they could read (the current one): an outdated notification fails at the object store first.
     */
    LoadOutcome load(LoadRequest request);

    /** Records a load that did not put rows in raw.events (quarantined or failed), outside any data change. */
    void recordWithoutRows(LoadRecord record);

    /** The ledger entry that already covers this generation (loaded or quarantined), if any. */
    Optional<LoadRecord> completedLoadOf(ObjectRef object);

    Optional<LoadRecord> find(String loadId);

    List<LoadRecord> recent(int limit);

    /** The rejected rows of one load, in line order. */
    List<RejectedRow> rejects(String loadId, int limit);

    record LoadRequest(String loadId, ObjectRef object, String warehouseUri, boolean gzip) {
    }

    sealed interface LoadOutcome {
    }

    /** {@code replacedGeneration}: the earlier generation whose rows this load removed, or null. */
    record Loaded(LoadRecord record, Long replacedGeneration) implements LoadOutcome {
    }

    /**
     * The warehouse cannot read this object by its name alone (BigQuery reads '*' in a URI as a wildcard, which
     * would attribute other objects' rows to this one): nothing was changed; the object is to be quarantined.
     */
    record Unreadable(String reason) implements LoadOutcome {
    }

    /** The ledger already holds this generation: nothing was changed. */
    record AlreadyLoaded(LoadRecord existing) implements LoadOutcome {
    }

    enum LoadStatus {
        LOADED, QUARANTINED, FAILED, SUPERSEDED
    }

    record LoadRecord(
            String loadId,
            ObjectRef object,
            LoadStatus status,
            long rowsLoaded,
            long rowsRejected,
            Instant minEventTime,
            Instant maxEventTime,
            Instant startedAt,
            Instant finishedAt,
            String reason) {
    }

    record RejectedRow(String loadId, String bucket, String object, long generation, long line, String reason,
            String rawLine) {
    }
}
