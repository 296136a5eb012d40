package dev.estore.loader;

import dev.estore.shared.contracts.ObjectNotification;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Loads acknowledged before they run ({@code estore.loader.load-after-ack}), for a push subscription: Pub/Sub waits
 * at most its ack deadline (600 s) for the answer, and a load still running then is delivered again, starting a
 * second load job. Here the delivery is accepted at once and the file loads on this instance's worker threads, which
 * mostly wait for BigQuery's load job. A redelivery of an object whose load is queued or running here is accepted
 * without a second load. Nothing is lost when the instance stops mid-load: the object is still in the bucket and the
 * ledger does not hold it as loaded, so the catch-up sweep ({@code POST /loads/sweep}, hourly on Google Cloud)
 * loads it; a load that fails is recorded and reported, and the sweep tries it again.
 */
final class LoadsAfterAck implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LoadsAfterAck.class);

    private final ExecutorService workers;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    LoadsAfterAck(int threads) {
        int count = Math.max(1, threads);
        this.workers = Executors.newFixedThreadPool(count, work -> {
            Thread thread = new Thread(work, "loader-after-ack");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Accepts the notification and loads it in the background; already pending here: accepted, nothing more. */
    LoadResult accept(ObjectNotification notification, Function<ObjectNotification, LoadResult> load) {
        var object = notification.object();
        String key = object.bucket() + "/" + object.name() + "#" + object.generation();
        if (!pending.add(key)) {
            LOG.infof("%s: delivered again while its load is pending here; acknowledged, not loaded twice", object);
            return new LoadResult(LoadResult.Outcome.ACCEPTED, object, null, "already pending on this instance");
        }
        workers.execute(() -> {
            try {
                LoadResult result = load.apply(notification);
                if (result.outcome() == LoadResult.Outcome.FAILED) {
                    LOG.errorf("%s: the load after acknowledgement failed (%s); the catch-up sweep tries it again",
                            object, result.message());
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s: the load after acknowledgement failed; the catch-up sweep tries it again", object);
            } finally {
                pending.remove(key);
            }
        });
        return new LoadResult(LoadResult.Outcome.ACCEPTED, object, null, "acknowledged; loading in the background");
    }

    /** Notifications accepted here and not yet loaded (queued or running). */
    int pending() {
        return pending.size();
    }

    @Override
    public void close() {
        workers.shutdown();
    }
}
