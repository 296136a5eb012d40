package dev.estore.transform.build;

import dev.estore.shared.contracts.ModelsBuilt;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.work.WorkEvent;
import dev.estore.transform.TransformConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Turns triggers into builds, one at a time. Triggers that arrive while a build is queued join it, and a queued
 * build waits for a quiet period (capped) before it starts, so the seven raw-events-loaded messages of a backfill
 * lead to one build rather than seven. A successful build announces models-built; a failed one pipeline-failed.
 */
@ApplicationScoped
public class BuildCoordinator {

    static final String SERVICE = "transform-service";
    private static final Logger LOG = Logger.getLogger(BuildCoordinator.class);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private final BuildRunner runner;
    private final RunHistory history;
    private final EventBus bus;
    private final FailureReporter failures;
    private final Event<WorkEvent> work;
    private final Duration quietPeriod;
    private final Duration maxWait;
    private final AtomicLong sequence = new AtomicLong();

    private Pending pending;
    private boolean pendingCounted;
    private boolean held;
    private Thread worker;
    private boolean stopped;
    /** The build the worker runs now, or null. */
    private String runningRunId;
    private final Duration shutdownWait;

    public BuildCoordinator(BuildRunner runner, RunHistory history, EventBus bus, FailureReporter failures,
            Event<WorkEvent> work, TransformConfig config) {
        this.runner = runner;
        this.history = history;
        this.bus = bus;
        this.failures = failures;
        this.work = work;
        this.quietPeriod = config.coalesceQuietPeriod();
        this.maxWait = config.coalesceMaxWait();
        this.shutdownWait = config.shutdownWait();
    }

    /** SIGTERM: no new build starts, and a running one gets until estore.transform.shutdown-wait to finish. */
    void onShutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent shutdown) {
        stopAndAwait(shutdownWait);
    }

    /**
     * Stops taking queued builds and waits up to {@code wait} for the running one; true when none runs any more.
     * A build still running is recorded as interrupted at the next start, which builds its days again.
     */
    public synchronized boolean stopAndAwait(Duration wait) {
        stopped = true;
        notifyAll();
        String running = runningRunId;
        long deadline = System.nanoTime() + wait.toNanos();
        while (runningRunId != null && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (runningRunId != null) {
            LOG.warnf("Run %s still running after %s at shutdown: it will be recorded as interrupted and its days "
                    + "built again at the next start", runningRunId, wait);
            return false;
        }
        if (running != null) {
            LOG.infof("Run %s finished before shutdown", running);
        }
        return true;
    }

    /**
     * Queues a build, or joins the one already queued; returns the run id that will carry it. An unknown model in
     * the selection is refused here, before anything is queued.
     */
    public synchronized String submit(BuildRequest request) {
        runner.selection(request.select());
        Instant now = Instant.now();
        if (pending == null) {
            pending = new Pending(newRunId(now), request, now, now, false);
            countPending();
            LOG.infof("Run %s queued (%s)", pending.runId, String.join(", ", request.triggers()));
        } else {
            pending = new Pending(pending.runId, pending.request.mergedWith(request), pending.firstAt, now,
                    pending.dueNow);
            LOG.debugf("Trigger %s joins queued run %s", request.triggers(), pending.runId);
        }
        history.put(queuedRecord(pending));
        ensureWorker();
        notifyAll();
        return pending.runId;
    }

    /**
     * Holds queued builds back until {@link #release()}: a backfill loads all its files first and then builds
     * once. A held build is not announced as started work, so the caller can wait for the loads alone.
     */
    public synchronized void hold() {
        held = true;
        if (pendingCounted) {
            pendingCounted = false;
            work.fire(WorkEvent.ended(SERVICE, pending.runId));
        }
    }

    /**
     * Takes a queued build back (the triggers it gathered are dropped; what they loaded stays pending in the ledger
     * for the next build). Empty when no build of that id is queued: it is running, finished or unknown.
     */
    public synchronized java.util.Optional<RunRecord> cancel(String runId) {
        if (pending == null || !pending.runId.equals(runId)) {
            return java.util.Optional.empty();
        }
        RunRecord cancelled = new RunRecord(pending.runId, pending.request.triggers(), pending.request.select(),
                pending.request.fullRefresh(), RunRecord.Status.CANCELLED, null, Instant.now(), List.of(),
                "cancelled while queued; the days it would have built stay pending for the next build");
        if (pendingCounted) {
            pendingCounted = false;
            work.fire(WorkEvent.ended(SERVICE, pending.runId));
        }
        pending = null;
        history.put(cancelled);
        LOG.infof("Run %s cancelled while queued", runId);
        notifyAll();
        return java.util.Optional.of(cancelled);
    }

    public synchronized boolean hasQueuedBuild() {
        return pending != null;
    }

    /** Lets held builds go, at once: the hold already gathered the burst, so no quiet period is owed. */
    public synchronized void release() {
        held = false;
        if (pending != null) {
            pending = new Pending(pending.runId, pending.request, pending.firstAt, pending.lastAt, true);
        }
        countPending();
        notifyAll();
    }

    private void countPending() {
        if (pending != null && !held && !pendingCounted) {
            pendingCounted = true;
            work.fire(WorkEvent.started(SERVICE, pending.runId));
        }
    }

    private void ensureWorker() {
        if (worker == null) {
            worker = new Thread(this::loop, "transform-builds");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void loop() {
        while (true) {
            Pending next;
            try {
                next = awaitDue();
            } catch (InterruptedException e) {
                return;
            }
            if (next == null) {
                return;
            }
            try {
                execute(next);
            } catch (RuntimeException | Error e) {
                // The worker must outlive any one run, or no build would ever start again.
                LOG.errorf(e, "Run %s could not be completed: %s", next.runId, e.getMessage());
            } finally {
                work.fire(WorkEvent.ended(SERVICE, next.runId));
            }
        }
    }

    /** Waits for a queued build whose quiet period (or maximum wait) has passed, and takes it. */
    private synchronized Pending awaitDue() throws InterruptedException {
        while (!stopped) {
            if (pending != null && !held) {
                Instant due = min(pending.lastAt.plus(quietPeriod), pending.firstAt.plus(maxWait));
                long waitMillis = pending.dueNow ? 0 : Duration.between(Instant.now(), due).toMillis();
                if (waitMillis <= 0) {
                    Pending taken = pending;
                    pending = null;
                    pendingCounted = false;
                    return taken;
                }
                wait(waitMillis);
            } else {
                wait();
            }
        }
        return null;
    }

    private void execute(Pending next) {
        synchronized (this) {
            runningRunId = next.runId;
        }
        try {
            executeRun(next);
        } finally {
            synchronized (this) {
                runningRunId = null;
                notifyAll();
            }
        }
    }

    private void executeRun(Pending next) {
        RunRecord running = new RunRecord(next.runId, next.request.triggers(), next.request.select(),
                next.request.fullRefresh(), RunRecord.Status.RUNNING, Instant.now(), null, List.of(), null);
        history.put(running);
        RunRecord result;
        List<ModelRun> finished = new java.util.ArrayList<>();
        try {
            // GET /runs/{id} shows each model as it finishes (kept in memory; the finished run is saved)
            result = runner.run(next.runId, next.request, model -> {
                finished.add(model);
                history.progress(new RunRecord(running.runId(), running.triggers(), running.select(),
                        running.fullRefresh(), RunRecord.Status.RUNNING, running.startedAt(), null,
                        List.copyOf(finished), null));
            });
        } catch (RuntimeException | Error e) {
            result = new RunRecord(next.runId, next.request.triggers(), next.request.select(),
                    next.request.fullRefresh(), RunRecord.Status.FAILED, running.startedAt(), Instant.now(), List.of(),
                    FailureReporter.describe(e));
        }
        history.put(result);
        announce(result);
    }

    private void announce(RunRecord run) {
        long seconds = Duration.between(run.startedAt(), run.finishedAt()).toMillis();
        if (run.status() == RunRecord.Status.SUCCESS) {
            LOG.infof("Run %s succeeded in %d ms: %d model(s) built, %d test(s) passed", run.runId(), seconds,
                    run.models().size(), run.testsPassed());
            bus.publish(Topics.MODELS_BUILT, new ModelsBuilt(run.runId(), String.join(",", run.triggers()),
                    run.models().stream().map(model -> new ModelsBuilt.BuiltModel(model.model(), model.relation(),
                            model.materialization(), model.rows(), model.millis())).toList(),
                    (int) run.testsPassed(), run.startedAt(), run.finishedAt()), run.runId());
        } else {
            failures.report(SERVICE, "build", run.runId(), run.error());
        }
    }

    private static RunRecord queuedRecord(Pending pending) {
        return new RunRecord(pending.runId, pending.request.triggers(), pending.request.select(),
                pending.request.fullRefresh(), RunRecord.Status.QUEUED, null, null, List.of(), null);
    }

    private String newRunId(Instant now) {
        return "run-" + RUN_ID_TIME.format(now) + "-" + sequence.incrementAndGet();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @PreDestroy
    public synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    private record Pending(String runId, BuildRequest request, Instant firstAt, Instant lastAt, boolean dueNow) {
    }
}
