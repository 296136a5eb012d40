package dev.estore.loader;

import dev.estore.shared.logging.LogContext;
import dev.estore.loader.LoadResult.Outcome;
import dev.estore.shared.contracts.ObjectNames;
import dev.estore.shared.contracts.ObjectNotification;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.contracts.RawEventsLoaded;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.ports.ObjectStore;
import dev.estore.shared.ports.RawEventsStore;
import dev.estore.shared.ports.RawEventsStore.AlreadyLoaded;
import dev.estore.shared.ports.RawEventsStore.LoadRecord;
import dev.estore.shared.ports.RawEventsStore.LoadRequest;
import dev.estore.shared.ports.RawEventsStore.LoadStatus;
import dev.estore.shared.ports.RawEventsStore.Loaded;
import dev.estore.shared.ports.RawEventsStore.Unreadable;
import dev.estore.shared.ports.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns bucket objects into raw.events rows: checks the header from the first bytes, quarantines files that are
 * not event files, loads the rest with the warehouse's bulk reader, and announces each load. The ledger in the
 * warehouse makes every (bucket, object, generation) load at most once, however often it is notified.
 */
@ApplicationScoped
public class LoaderService {

    static final String SERVICE = "loader-service";
    private static final Logger LOG = Logger.getLogger(LoaderService.class);

    private final ObjectStore objects;
    private final RawEventsStore raw;
    private final EventBus bus;
    private final FailureReporter failures;
    private final LoaderConfig config;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final LoadsAfterAck afterAck;
    private final LoadMetrics metrics;

    public LoaderService(ObjectStore objects, RawEventsStore raw, EventBus bus, FailureReporter failures,
            LoaderConfig config, LoadMetrics metrics) {
        this.metrics = metrics;
        this.objects = objects;
        this.raw = raw;
        this.bus = bus;
        this.failures = failures;
        this.config = config;
        this.afterAck = config.loadAfterAck() ? new LoadsAfterAck(config.backgroundLoads()) : null;
    }

    @jakarta.annotation.PreDestroy
    void stopBackgroundLoads() {
        if (afterAck != null) {
            afterAck.close();
        }
    }

    /** Handles a notification now (HTTP, sweep): a failed load is recorded and returned, not retried. */
    public LoadResult handle(ObjectNotification notification) {
        return handle(notification, 0);
    }

    /**
     * Handles a notification from the bus ({@code attempt} starts at 1). A failed load is recorded and thrown back,
     * so the bus retries it with backoff (a BigQuery rate limit or an aborted transaction passes) and dead-letters
     * it after its last attempt. A redelivery of a loaded generation announces it again: the earlier attempt may
     * have committed its rows and then failed to publish raw-events-loaded (a second build of unchanged data is
     * harmless: builds are incremental and coalesce).
     */
    public LoadResult handleDelivery(ObjectNotification notification, int attempt) {
        if (afterAck != null) {
            return afterAck.accept(notification, accepted -> handle(accepted, Math.max(attempt, 1)));
        }
        LoadResult result = handle(notification, Math.max(attempt, 1));
        if (result.outcome() == Outcome.FAILED) {
            throw new IllegalStateException(result.message());
        }
        return result;
    }

    /** {@code attempt}: 0 for a direct request, else the bus's delivery attempt. */
    private LoadResult handle(ObjectNotification notification, int attempt) {
        ObjectRef object = notification.object();
        if (notification.eventType() != ObjectNotification.EventType.OBJECT_FINALIZE) {
            LOG.infof("%s: %s notification acknowledged; loaded rows stay until a new generation replaces them",
                    object, notification.eventType());
            return ignored(object, notification.eventType() + " changes nothing");
        }
        Optional<String> badName = ObjectNames.problemWith(object.name());
        if (badName.isPresent()) {
            LOG.warnf("%s: refused: %s", object, badName.get());
            return ignored(object, "refused: " + badName.get());
        }
        if (!wanted(object.name())) {
            LOG.debugf("%s: not an events file (prefix '%s', suffixes %s); ignored", object, prefix(),
                    config.objectSuffixes());
            return ignored(object, "name does not match prefix '" + prefix() + "' and suffixes "
                    + config.objectSuffixes());
        }
        // One load of an object at a time in this process: a notification and a POST /loads for the same file
        // must not both pass the ledger check before either has committed.
        synchronized (locks.computeIfAbsent(object.bucket() + "/" + object.name(), key -> new Object())) {
            Optional<LoadRecord> done = raw.completedLoadOf(object);
            if (done.isPresent()) {
                if (attempt > 1 && done.get().status() == LoadStatus.LOADED) {
                    LOG.infof("%s: redelivered after a failed attempt; announcing %s again", object,
                            done.get().loadId());
                    announce(done.get(), null);
                }
                return alreadyLoaded(object, done.get());
            }
            String loadId = "load-" + UUID.randomUUID();
            try (LogContext file = LogContext.of("object", object.uri());
                    LogContext load = LogContext.of("loadId", loadId)) {
                LoadResult result = load(object, notification.size(), attempt, loadId);
                metrics.record(result);
                return result;
            }
        }
    }

    /** Loads the current generation of a named object now (the HTTP trigger). */
    public LoadResult loadNow(String bucket, String name) throws IOException {
        String bucketName = bucket == null || bucket.isBlank() ? config.bucket() : bucket;
        ObjectNames.requireCanonical(name);
        var stored = objects.stat(bucketName, name)
                .orElseThrow(() -> new NoSuchFileException("gs://" + bucketName + "/" + name, null,
                        "no such object in the bucket"));
        return handle(ObjectNotification.finalized(stored.ref(), stored.size(), stored.contentType(),
                stored.created()));
    }

    private LoadResult load(ObjectRef object, long size, int attempt, String loadId) {
        Instant startedAt = Instant.now();
        Loaded loaded;
        try {
            Optional<String> refusal = objects.refusal(object);
            if (refusal.isPresent()) {
                return quarantine(object, loadId, startedAt, "not read: " + refusal.get());
            }
            Optional<String> headerProblem = headerProblem(object, size);
            if (headerProblem.isPresent()) {
                return quarantine(object, loadId, startedAt, headerProblem.get());
            }
            LOG.infof("Loading %s as %s (%d bytes)", object, loadId, size);
            var outcome = raw.load(new LoadRequest(loadId, object, objects.warehouseUri(object),
                    object.name().endsWith(".gz")));
            if (outcome instanceof AlreadyLoaded already) {
                return alreadyLoaded(object, already.existing());
            }
            if (outcome instanceof Unreadable unreadable) {
                return quarantine(object, loadId, startedAt, unreadable.reason());
            }
            loaded = (Loaded) outcome;
            logLoaded(loaded.record(), size);
        } catch (NoSuchFileException gone) {
            LOG.infof("%s: this generation is gone (%s); a newer notification will load its successor", object,
                    gone.getReason());
            return ignored(object, "generation gone: " + gone.getReason());
        } catch (IOException | RuntimeException e) {
            String failure = "loading " + object.name() + " failed: " + FailureReporter.describe(e)
                    + ". Nothing of it was loaded; fix the cause and retry with POST /loads or upload it again.";
            LoadRecord record = new LoadRecord(loadId, object, LoadStatus.FAILED, 0, 0, null, null, startedAt,
                    Instant.now(), failure);
            String reason = failure + unrecordedBecause(record);
            if (attempt <= 1) { // one alert per file, not one per retry
                failures.report(SERVICE, "load", object.uri(), attempt == 1
                        ? reason + " The notification is retried with backoff, then dead-lettered." : reason);
            } else {
                LOG.warnf("%s: attempt %d failed again: %s", object, attempt, reason);
            }
            return new LoadResult(Outcome.FAILED, object, record, reason);
        }
        // Outside the try: the rows are committed, so a failed publish is not a failed load. It propagates, the
        // bus redelivers, and the redelivery announces the loaded generation again.
        announce(loaded.record(), loaded.replacedGeneration());
        failures.succeededFor(SERVICE, "load", object.uri());
        return new LoadResult(Outcome.LOADED, object, loaded.record(), "loaded");
    }

    /**
     * Records a failed load in the ledger; when that write fails too (the disk that failed the load is still
     * full), says so, since the file will show no ledger entry. A sweep or the next run loads it later.
     */
    private String unrecordedBecause(LoadRecord record) {
        try {
            raw.recordWithoutRows(record);
            return "";
        } catch (RuntimeException ledgerDown) {
            LOG.errorf(ledgerDown, "%s: the failure of %s could not be recorded in the ledger", record.object(),
                    record.loadId());
            return " The ledger could not record this failure either (" + FailureReporter.describe(ledgerDown)
                    + "), so the file has no ledger entry; it is loaded by the next run or sweep once fixed.";
        }
    }

    private void announce(LoadRecord record, Long replacedGeneration) {
        bus.publish(Topics.RAW_EVENTS_LOADED, new RawEventsLoaded(record.loadId(), record.object(),
                record.rowsLoaded(), record.rowsRejected(), record.minEventTime(), record.maxEventTime(),
                record.finishedAt(), replacedGeneration), record.loadId());
    }

    private Optional<String> headerProblem(ObjectRef object, long size) throws IOException {
        if (size == 0) {
            return Optional.empty(); // an empty file loads zero rows, without error
        }
        try (InputStream in = objects.open(object)) {
            String firstLine = FirstLine.read(in, object.name().endsWith(".gz"));
            return firstLine == null ? Optional.empty() : EventsFileHeader.problemWith(firstLine);
        }
    }

    private LoadResult quarantine(ObjectRef object, String loadId, Instant startedAt, String reason)
            throws IOException {
        ObjectRef moved = objects.quarantine(object, reason);
        String message = object.name() + " quarantined to " + moved.name() + ": " + reason;
        LoadRecord record = new LoadRecord(loadId, object, LoadStatus.QUARANTINED, 0, 0, null, null, startedAt,
                Instant.now(), message);
        raw.recordWithoutRows(record);
        failures.report(SERVICE, "validate", object.uri(), message);
        return new LoadResult(Outcome.QUARANTINED, object, record, message);
    }

    private LoadResult alreadyLoaded(ObjectRef object, LoadRecord existing) {
        LOG.infof("%s: already handled by %s (%s, generation %d); acknowledged and skipped", object,
                existing.loadId(), existing.status(), existing.object().generation());
        return new LoadResult(Outcome.ALREADY_LOADED, object, existing,
                "already handled by " + existing.loadId());
    }

    private static LoadResult ignored(ObjectRef object, String why) {
        return new LoadResult(Outcome.IGNORED, object, null, why);
    }

    /**
     * Loads every matching object of the bucket that the ledger does not hold yet: files whose notification was
     * lost (or published before the loader's subscription existed). Objects already handled are skipped without
     * opening them; the ledger check inside {@link #handle} still guards against a concurrent notification.
     */
    public SweepReport sweep(String bucket) throws IOException {
        String bucketName = bucket == null || bucket.isBlank() ? config.bucket() : bucket;
        List<StoredObject> listed = objects.list(bucketName, prefix());
        int alreadyHandled = 0;
        List<LoadResult> results = new ArrayList<>();
        for (StoredObject stored : listed) {
            if (!wanted(stored.ref().name())) {
                continue;
            }
            if (raw.completedLoadOf(stored.ref()).isPresent()) {
                alreadyHandled++;
                continue;
            }
            results.add(handle(ObjectNotification.finalized(stored.ref(), stored.size(), stored.contentType(),
                    stored.created())));
        }
        LOG.infof("Sweep of gs://%s/%s: %d objects listed, %d already handled, %d handled now", bucketName,
                prefix(), listed.size(), alreadyHandled, results.size());
        return new SweepReport(bucketName, prefix(), listed.size(), alreadyHandled, results);
    }

    /** What a sweep found and did. */
    public record SweepReport(String bucket, String prefix, int listed, int alreadyHandled,
            List<LoadResult> handled) {
    }

    private boolean wanted(String name) {
        return name.startsWith(prefix()) && !name.startsWith(config.quarantinePrefix())
                && config.objectSuffixes().stream().anyMatch(name::endsWith);
    }

    private String prefix() {
        return config.objectPrefix().orElse("");
    }

    private static void logLoaded(LoadRecord record, long bytes) {
        double seconds = Math.max(Duration.between(record.startedAt(), record.finishedAt()).toMillis(), 1) / 1000.0;
        LOG.infof("Loaded %s as %s: %,d rows, %,d rejected, in %.2f s (%,.0f rows/s, %.1f MB/s)", record.object(),
                record.loadId(), record.rowsLoaded(), record.rowsRejected(), seconds,
                record.rowsLoaded() / seconds, bytes / 1e6 / seconds);
    }
}
