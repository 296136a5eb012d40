package dev.estore.loader;

import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.ports.RawEventsStore.LoadRecord;

/** What the loader did with one notification, as the HTTP API reports it. */
public record LoadResult(Outcome outcome, ObjectRef object, LoadRecord load, String message) {

    public enum Outcome {
        LOADED, ALREADY_LOADED, QUARANTINED, FAILED, IGNORED,
        /** Acknowledged to the bus and loading in the background (estore.loader.load-after-ack). */
        ACCEPTED
    }
}
