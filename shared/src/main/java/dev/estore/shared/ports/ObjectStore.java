package dev.estore.shared.ports;

import dev.estore.shared.contracts.ObjectRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** A bucket of files: GCS in the cloud, a local folder on a laptop. */
public interface ObjectStore {

    /** The current generation of an object, or empty when it does not exist. */
    Optional<StoredObject> stat(String bucket, String name) throws IOException;

    /** Streams the bytes of one generation; callers may read only the first bytes and close. */
    InputStream open(ObjectRef object) throws IOException;

    /** Every object under a prefix, skipping the quarantine prefix. */
    List<StoredObject> list(String bucket, String prefix) throws IOException;

    /**
     * Moves an object out of the way under the quarantine prefix and records why, so a person can inspect and
     * fix it; returns where it went.
     */
    ObjectRef quarantine(ObjectRef object, String reason) throws IOException;

    /**
     * Why the warehouse must not read this object although it is listed, or empty: a local folder refuses a
     * symbolic link or a device (it could make the bulk reader read any file of the machine). A GCS object is
     * always a plain object.
     */
    default Optional<String> refusal(ObjectRef object) throws IOException {
        return Optional.empty();
    }

    /** The address under which the warehouse's bulk reader can read the object (a path or a gs:// URI). */
    String warehouseUri(ObjectRef object);
}
