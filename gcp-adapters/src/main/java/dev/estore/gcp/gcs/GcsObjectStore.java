package dev.estore.gcp.gcs;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.ports.ObjectStore;
import dev.estore.shared.ports.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A Cloud Storage bucket behind the {@link ObjectStore} port. Every read and move is pinned to the generation that
 * was judged (a precondition on the live object), so a file overwritten meanwhile is never read, quarantined or
 * deleted by mistake.
 *
 * <p>Generations: GCS always returns one. The in-memory {@code LocalStorageHelper} used in tests returns none;
 * such objects count as generation 0 and are read without a precondition (there is no other version to confuse).
 */
@ApplicationScoped
public class GcsObjectStore implements ObjectStore {

    /** Enough for a header line; a read fetches this much at a time, so checking a header never downloads a file. */
    static final int READ_CHUNK_BYTES = 64 * 1024;
    public static final String REASON_METADATA = "estore-quarantine-reason";
    public static final String SOURCE_METADATA = "estore-quarantined-from";
    public static final String TIME_METADATA = "estore-quarantined-at";
    private static final int MAX_REASON_CHARS = 4000;
    private static final Logger LOG = Logger.getLogger(GcsObjectStore.class);

    private final Storage storage;
    private final String quarantinePrefix;

    @Inject
    public GcsObjectStore(Storage storage,
            @ConfigProperty(name = "estore.bucket.quarantine-prefix", defaultValue = "quarantine/") String quarantinePrefix) {
        this.storage = storage;
        this.quarantinePrefix = quarantinePrefix.endsWith("/") ? quarantinePrefix : quarantinePrefix + "/";
    }

    @Override
    public Optional<StoredObject> stat(String bucket, String name) throws IOException {
        Blob blob = call(() -> storage.get(BlobId.of(bucket, name)), "gs://" + bucket + "/" + name, "read metadata of");
        return Optional.ofNullable(blob).map(GcsObjectStore::describe);
    }

    @Override
    public InputStream open(ObjectRef object) throws IOException {
        // The precondition is checked on the first read: a replaced generation fails there with 412, a deleted
        // object with 404; both become NoSuchFileException, which the loader treats as "this generation is gone".
        ReadChannel channel = object.generation() == 0
                ? storage.reader(BlobId.of(object.bucket(), object.name()))
                : storage.reader(BlobId.of(object.bucket(), object.name()),
                        Storage.BlobSourceOption.generationMatch(object.generation()));
        channel.setChunkSize(READ_CHUNK_BYTES);
        InputStream stream = Channels.newInputStream(channel);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return stream.read(buffer, offset, length);
                } catch (IOException | StorageException e) {
                    throw translate(e, object);
                }
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    @Override
    public List<StoredObject> list(String bucket, String prefix) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        Iterable<Blob> blobs = call(() -> storage.list(bucket, Storage.BlobListOption.prefix(prefix)).iterateAll(),
                "gs://" + bucket + "/" + prefix, "list");
        for (Blob blob : blobs) {
            if (blob.getName().startsWith(quarantinePrefix) || blob.getName().endsWith("/")) {
                continue; // quarantined files and folder placeholders are not events files
            }
            objects.add(describe(blob));
        }
        return objects;
    }

    @Override
    public ObjectRef quarantine(ObjectRef object, String reason) throws IOException {
        String target = quarantinePrefix + object.name();
        if (stat(object.bucket(), target).isPresent()) {
            target = target + "." + object.generation();
        }
        Map<String, String> metadata = Map.of(
                REASON_METADATA, reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason,
                SOURCE_METADATA, object.uri(),
                TIME_METADATA, Instant.now().toString());
        BlobId source = BlobId.of(object.bucket(), object.name());
        Storage.BlobSourceOption[] sameGeneration = object.generation() == 0 ? new Storage.BlobSourceOption[0]
                : new Storage.BlobSourceOption[] {Storage.BlobSourceOption.generationMatch(object.generation())};
        Blob original = storage.get(source);
        BlobInfo copy = BlobInfo.newBuilder(BlobId.of(object.bucket(), target))
                .setContentType(original == null ? null : original.getContentType())
                .setMetadata(metadata).build();
        String targetName = target;
        Blob moved = call(() -> storage.copy(Storage.CopyRequest.newBuilder().setSource(source)
                .setSourceOptions(sameGeneration)
                .setTarget(copy, Storage.BlobTargetOption.doesNotExist()).build()).getResult(),
                object.uri(), "copy to " + targetName + " (quarantine)");
        // Delete only the judged generation: a newer upload under the same name stays for its own load.
        call(() -> storage.delete(source, sameGeneration), object.uri(), "delete (after quarantine copy)");
        LOG.infof("%s quarantined to gs://%s/%s", object, object.bucket(), target);
        return new ObjectRef(object.bucket(), target, generationOf(moved));
    }

    /** BigQuery loads straight from Cloud Storage: no byte of the file passes through this JVM. */
    @Override
    public String warehouseUri(ObjectRef object) {
        return "gs://" + object.bucket() + "/" + object.name();
    }

    private static StoredObject describe(Blob blob) {
        Instant created = blob.getCreateTimeOffsetDateTime() == null ? null
                : blob.getCreateTimeOffsetDateTime().toInstant();
        return new StoredObject(new ObjectRef(blob.getBucket(), blob.getName(), generationOf(blob)),
                blob.getSize() == null ? 0 : blob.getSize(), blob.getContentType(), created);
    }

    private static long generationOf(Blob blob) {
        return blob == null || blob.getGeneration() == null ? 0 : blob.getGeneration();
    }

    private static IOException translate(Exception e, ObjectRef object) {
        if (e instanceof StorageException storageError && (storageError.getCode() == 404 || storageError.getCode() == 412)) {
            return new NoSuchFileException(object.uri(), null, storageError.getCode() == 404
                    ? "the object no longer exists"
                    : "generation " + object.generation() + " is no longer the live object (it was replaced)");
        }
        Throwable cause = e.getCause();
        if (e instanceof IOException && cause instanceof StorageException storageCause) {
            return translate(storageCause, object);
        }
        return e instanceof IOException io ? io
                : new IOException("Reading " + object.uri() + " failed: " + e.getMessage(), e);
    }

    private static <R> R call(StorageCall<R> call, String what, String action) throws IOException {
        try {
            return call.run();
        } catch (StorageException e) {
            if (e.getCode() == 404 || e.getCode() == 412) {
                throw new NoSuchFileException(what, null, "cannot " + action + " it: " + e.getMessage());
            }
            throw new IOException("Cannot " + action + " " + what + ": " + e.getMessage()
                    + (e.getCode() == 403 ? " (grant this service account access to the bucket)" : ""), e);
        }
    }

    @FunctionalInterface
    private interface StorageCall<R> {
        R run();
    }
}
