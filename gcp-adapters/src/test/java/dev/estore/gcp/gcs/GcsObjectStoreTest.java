package dev.estore.gcp.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.ports.StoredObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GCS adapter against google-cloud-nio's in-memory Storage. That fake returns no generations, so objects it
 * holds count as generation 0; the generation checks are covered where a fake can show them (a deleted object)
 * and by the precondition the adapter sends, which real GCS enforces.
 */
class GcsObjectStoreTest {

    static final String BUCKET = "raw-bucket";
    static final String HEADER = "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";

    Storage storage;
    GcsObjectStore store;
    AtomicLong bytesReadFromChannels = new AtomicLong();

    @BeforeEach
    void storage() {
        storage = countingReads(LocalStorageHelper.getOptions().getService());
        store = new GcsObjectStore(storage, "quarantine/");
    }

    @Test
    void statDescribesTheLiveObjectAndAMissingOneIsEmpty() throws Exception {
        put("events/2019-Oct.csv", HEADER + "\n", "text/csv");

        StoredObject stored = store.stat(BUCKET, "events/2019-Oct.csv").orElseThrow();

        assertThat(stored.ref()).isEqualTo(new ObjectRef(BUCKET, "events/2019-Oct.csv", 0));
        assertThat(stored.size()).isEqualTo(HEADER.length() + 1);
        assertThat(stored.contentType()).isEqualTo("text/csv");
        assertThat(store.stat(BUCKET, "events/none.csv")).isEmpty();
    }

    @Test
    void readingTheHeaderPullsOnlyTheFirstBytesOfABigObject() throws Exception {
        String row = "2019-10-01 00:00:01 UTC,view,1,2,a.b,acme,1.00,3,11111111-1111-4111-8111-111111111111\n";
        byte[] big = (HEADER + "\n" + row.repeat(60_000)).getBytes(StandardCharsets.UTF_8); // about 5 MB
        put("events/big.csv", new String(big, StandardCharsets.UTF_8), "text/csv");

        String firstLine;
        try (InputStream in = store.open(new ObjectRef(BUCKET, "events/big.csv", 0));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 8192)) {
            firstLine = reader.readLine();
        }

        assertThat(firstLine).isEqualTo(HEADER);
        assertThat(big.length).isGreaterThan(5_000_000);
        assertThat(bytesReadFromChannels.get()).isPositive().isLessThanOrEqualTo(GcsObjectStore.READ_CHUNK_BYTES);
    }

    @Test
    void openingAnObjectThatIsGoneFailsAsAGoneGeneration() throws Exception {
        put("events/gone.csv", HEADER + "\n", "text/csv");
        ObjectRef ref = store.stat(BUCKET, "events/gone.csv").orElseThrow().ref();
        storage.delete(BlobId.of(BUCKET, "events/gone.csv"));

        assertThatThrownBy(() -> {
            try (InputStream in = store.open(ref)) {
                in.read();
            }
        }).isInstanceOf(NoSuchFileException.class).hasMessageContaining("gs://raw-bucket/events/gone.csv");
    }

    @Test
    void aReadIsPinnedToItsGenerationAndAReplacedGenerationFailsAsGone() {
        List<Object[]> readerCalls = new ArrayList<>();
        Storage replaced = (Storage) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Storage.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("reader")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    readerCalls.add(args);
                    // What GCS answers when ifGenerationMatch names a generation that is no longer live.
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ReadChannel.class},
                            (p, m, a) -> {
                                if (m.getName().equals("read")) {
                                    throw new StorageException(412, "conditionNotMet");
                                }
                                return null;
                            });
                });
        ObjectRef old = new ObjectRef(BUCKET, "events/2019-Oct.csv", 1732700130123456L);

        assertThatThrownBy(() -> {
            try (InputStream in = new GcsObjectStore(replaced, "quarantine/").open(old)) {
                in.read();
            }
        }).isInstanceOf(NoSuchFileException.class).hasMessageContaining("no longer the live object");
        assertThat(readerCalls).singleElement().satisfies(args -> {
            assertThat(args[0]).isEqualTo(BlobId.of(BUCKET, "events/2019-Oct.csv"));
            assertThat((Storage.BlobSourceOption[]) args[1])
                    .containsExactly(Storage.BlobSourceOption.generationMatch(1732700130123456L));
        });
    }

    @Test
    void quarantineCopiesWithTheReasonAsMetadataAndDeletesTheOriginal() throws Exception {
        put("events/bad.csv", "a,b,c\n1,2,3\n", "text/csv");
        ObjectRef bad = store.stat(BUCKET, "events/bad.csv").orElseThrow().ref();

        ObjectRef moved = store.quarantine(bad, "header does not match the REES46 events layout");

        assertThat(moved.name()).isEqualTo("quarantine/events/bad.csv");
        assertThat(storage.get(BlobId.of(BUCKET, "events/bad.csv"))).isNull();
        Blob copy = storage.get(BlobId.of(BUCKET, "quarantine/events/bad.csv"));
        assertThat(new String(copy.getContent(), StandardCharsets.UTF_8)).isEqualTo("a,b,c\n1,2,3\n");
        assertThat(copy.getMetadata())
                .containsEntry(GcsObjectStore.REASON_METADATA, "header does not match the REES46 events layout")
                .containsEntry(GcsObjectStore.SOURCE_METADATA, bad.uri())
                .containsKey(GcsObjectStore.TIME_METADATA);
    }

    @Test
    void aSecondQuarantineOfTheSameNameKeepsTheFirst() throws Exception {
        put("bad.csv", "x\n", "text/csv");
        store.quarantine(store.stat(BUCKET, "bad.csv").orElseThrow().ref(), "first");
        put("bad.csv", "y\n", "text/csv");

        ObjectRef second = store.quarantine(store.stat(BUCKET, "bad.csv").orElseThrow().ref(), "second");

        assertThat(second.name()).isEqualTo("quarantine/bad.csv.0");
        assertThat(storage.get(BlobId.of(BUCKET, "quarantine/bad.csv")).getMetadata())
                .containsEntry(GcsObjectStore.REASON_METADATA, "first");
    }

    @Test
    void listingForTheSweepSkipsQuarantineAndOtherPrefixes() throws Exception {
        put("events/2019-Oct.csv", HEADER + "\n", "text/csv");
        put("events/2019-Nov.csv.gz", "gz", "application/gzip");
        put("other/x.csv", HEADER + "\n", "text/csv");
        put("quarantine/events/old.csv", "bad", "text/csv");

        assertThat(store.list(BUCKET, "events/")).extracting(o -> o.ref().name())
                .containsExactlyInAnyOrder("events/2019-Oct.csv", "events/2019-Nov.csv.gz");
        assertThat(store.list(BUCKET, "")).extracting(o -> o.ref().name())
                .containsExactlyInAnyOrder("events/2019-Oct.csv", "events/2019-Nov.csv.gz", "other/x.csv");
    }

    @Test
    void theWarehouseReadsTheObjectByItsGsUri() {
        assertThat(store.warehouseUri(new ObjectRef(BUCKET, "events/2019-Oct.csv", 42)))
                .isEqualTo("gs://raw-bucket/events/2019-Oct.csv");
    }

    private void put(String name, String content, String contentType) {
        storage.create(BlobInfo.newBuilder(BlobId.of(BUCKET, name)).setContentType(contentType).build(),
                content.getBytes(StandardCharsets.UTF_8));
    }

    /** The same Storage, counting the bytes every ReadChannel it opens hands out. */
    private Storage countingReads(Storage real) {
        return (Storage) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Storage.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    if (result instanceof ReadChannel channel) {
                        return countingChannel(channel);
                    }
                    return result;
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private ReadChannel countingChannel(ReadChannel channel) {
        return (ReadChannel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ReadChannel.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, channel, args);
                    if (method.getName().equals("read") && args.length == 1 && args[0] instanceof ByteBuffer
                            && (Integer) result > 0) {
                        bytesReadFromChannels.addAndGet((Integer) result);
                    }
                    return result;
                });
    }
}
