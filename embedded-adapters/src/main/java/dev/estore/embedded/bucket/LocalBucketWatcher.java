package dev.estore.embedded.bucket;

import dev.estore.shared.contracts.ObjectNotification;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.ports.StoredObject;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Plays GCS's bucket notifications for a local folder: an object that appears (or is overwritten) produces an
 * OBJECT_FINALIZE once it has stopped changing, one that disappears an OBJECT_DELETE. The loader's ledger, not
 * this watcher, guarantees exactly-once loading, so a restart may safely report every file again.
 */
@ApplicationScoped
public class LocalBucketWatcher {

    private static final Logger LOG = Logger.getLogger(LocalBucketWatcher.class);

    private final LocalFolderObjectStore store;
    private final EventBus bus;
    private final BucketConfig config;
    private final Map<String, Map<String, StoredObject>> notified = new HashMap<>();
    private final Map<String, Map<String, StoredObject>> pending = new HashMap<>();
    private ScheduledExecutorService poller;

    public LocalBucketWatcher(LocalFolderObjectStore store, EventBus bus, BucketConfig config) {
        this.store = store;
        this.bus = bus;
        this.config = config;
    }

    /** Polls the bucket until shutdown; a file is reported once it looks the same on two consecutive polls. */
    public synchronized void watch(String bucket) {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "bucket-watcher");
                thread.setDaemon(true);
                return thread;
            });
        }
        long millis = config.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(() -> poll(bucket), 0, millis, TimeUnit.MILLISECONDS);
        LOG.infof("Watching %s as bucket %s (every %d ms)", store.root(bucket), bucket, millis);
    }

    /** Reports every object of the bucket that was not reported yet, without waiting: for files known complete. */
    public synchronized List<StoredObject> notifyExisting(String bucket) throws IOException {
        List<StoredObject> objects = store.list(bucket, "");
        objects.forEach(object -> finalized(bucket, object));
        return objects;
    }

    synchronized void poll(String bucket) {
        try {
            Map<String, StoredObject> now = new HashMap<>();
            store.list(bucket, "").forEach(object -> now.put(object.ref().name(), object));
            Map<String, StoredObject> seenBefore = pending.getOrDefault(bucket, Map.of());
            Map<String, StoredObject> reported = notified.computeIfAbsent(bucket, b -> new HashMap<>());
            for (StoredObject object : now.values()) {
                StoredObject last = reported.get(object.ref().name());
                boolean isNew = last == null || last.ref().generation() != object.ref().generation();
                if (isNew && object.equals(seenBefore.get(object.ref().name()))) {
                    finalized(bucket, object);
                }
            }
            for (String name : List.copyOf(reported.keySet())) {
                if (!now.containsKey(name)) {
                    deleted(bucket, reported.remove(name));
                }
            }
            pending.put(bucket, now);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Polling bucket %s at %s failed: %s", bucket, store.root(bucket), e.getMessage());
        }
    }

    private void finalized(String bucket, StoredObject object) {
        StoredObject last = notified.computeIfAbsent(bucket, b -> new HashMap<>()).put(object.ref().name(), object);
        if (last != null && last.ref().generation() == object.ref().generation()) {
            return;
        }
        LOG.infof("New object %s (%d bytes)", object.ref(), object.size());
        bus.publish(Topics.OBJECT_NOTIFICATIONS,
                ObjectNotification.finalized(object.ref(), object.size(), object.contentType(), object.created()),
                object.ref().uri());
    }

    private void deleted(String bucket, StoredObject object) {
        ObjectRef ref = object.ref();
        LOG.infof("Object %s was removed", ref);
        bus.publish(Topics.OBJECT_NOTIFICATIONS, new ObjectNotification(ObjectNotification.EventType.OBJECT_DELETE,
                bucket, ref.name(), ref.generation(), object.size(), object.contentType(), Instant.now()), ref.uri());
    }

    @PreDestroy
    synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
