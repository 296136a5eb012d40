package dev.estore.shared.contracts;

import java.time.Instant;

/** A file generation landed in raw.events (rowsLoaded may be zero for an empty file). */
public record RawEventsLoaded(
        String loadId,
        ObjectRef object,
        long rowsLoaded,
        long rowsRejected,
        Instant minEventTime,
        Instant maxEventTime,
        Instant loadedAt) {
}
