package dev.estore.loader.gcp;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.ports.RawEventsStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test stand-in for the warehouse side of the loader (BigQuery in the cloud): a ledger in memory, and "loading"
 * counts the data lines of the object read from its gs:// URI. It counts how often each object was checked and
 * loaded, so a test can see a redelivery that did not load twice.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class InMemoryRawEventsStore implements RawEventsStore {

    private final Storage storage;
    private final List<LoadRecord> ledger = new CopyOnWriteArrayList<>(); // appended, like a ledger table
    private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();

    public InMemoryRawEventsStore(Storage storage) {
        this.storage = storage;
    }

    @Override
    public synchronized LoadOutcome load(LoadRequest request) {
        Optional<LoadRecord> done = completed(request.object());
        if (done.isPresent()) {
            return new AlreadyLoaded(done.get());
        }
        loads.computeIfAbsent(request.object().name(), n -> new AtomicInteger()).incrementAndGet();
        String uri = request.warehouseUri();
        String path = uri.substring("gs://".length());
        int slash = path.indexOf('/');
        String content = new String(storage.readAllBytes(BlobId.of(path.substring(0, slash), path.substring(slash + 1))),
                StandardCharsets.UTF_8);
        long rows = content.lines().count() - 1;
        Instant now = Instant.now();
        LoadRecord record = new LoadRecord(request.loadId(), request.object(), LoadStatus.LOADED, rows, 0, null, null,
                now, now, null);
        ledger.add(record);
        return new Loaded(record, null);
    }

    @Override
    public void recordWithoutRows(LoadRecord record) {
        ledger.add(record);
    }

    @Override
    public Optional<LoadRecord> completedLoadOf(ObjectRef object) {
        checks.computeIfAbsent(object.name(), n -> new AtomicInteger()).incrementAndGet();
        return completed(object);
    }

    private Optional<LoadRecord> completed(ObjectRef object) {
        return ledger.stream().filter(record -> record.object().equals(object)
                && (record.status() == LoadStatus.LOADED || record.status() == LoadStatus.QUARANTINED)).findFirst();
    }

    @Override
    public Optional<LoadRecord> find(String loadId) {
        return ledger.stream().filter(record -> record.loadId().equals(loadId)).findFirst();
    }

    @Override
    public List<LoadRecord> recent(int limit) {
        List<LoadRecord> all = new ArrayList<>(ledger);
        all.sort(Comparator.comparing(LoadRecord::startedAt).reversed());
        return all.subList(0, Math.min(limit, all.size()));
    }

    @Override
    public List<RejectedRow> rejects(String loadId, int limit) {
        return List.of();
    }

    public int loadsOf(String name) {
        return loads.getOrDefault(name, new AtomicInteger()).get();
    }

    public int ledgerChecksOf(String name) {
        return checks.getOrDefault(name, new AtomicInteger()).get();
    }
}
