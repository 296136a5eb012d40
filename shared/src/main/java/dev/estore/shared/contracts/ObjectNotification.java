package dev.estore.shared.contracts;

import java.time.Instant;

/**
 * A bucket change, with the fields of a GCS Pub/Sub notification (JSON_API_V1 object resource
 * plus the eventType attribute). The local-folder bucket emits the same message.
 */
public record ObjectNotification(
        EventType eventType,
        String bucket,
        String name,
        long generation,
        long size,
        String contentType,
        Instant timeCreated) {

    /** The GCS notification event types this pipeline distinguishes. */
    public enum EventType {
        OBJECT_FINALIZE,
        OBJECT_DELETE,
        OBJECT_ARCHIVE,
        OBJECT_METADATA_UPDATE
    }

    public ObjectRef object() {
        return new ObjectRef(bucket, name, generation);
    }

    public static ObjectNotification finalized(ObjectRef ref, long size, String contentType, Instant created) {
        return new ObjectNotification(EventType.OBJECT_FINALIZE, ref.bucket(), ref.name(), ref.generation(), size,
                contentType, created);
    }
}
