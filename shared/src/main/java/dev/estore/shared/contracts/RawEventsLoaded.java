package dev.estore.shared.contracts;

import java.time.Instant;

/**
 * A file generation landed in raw.events (rowsLoaded may be zero for an empty file). {@code replacedGeneration}
 * is the generation whose rows this load replaced (the file was overwritten), or null.
 */
public record RawEventsLoaded(
        String loadId,
        ObjectRef object,
        long rowsLoaded,
        long rowsRejected,
        Instant minEventTime,
        Instant maxEventTime,
        Instant loadedAt,
        Long replacedGeneration) {
}
