package dev.estore.transform.build;

import dev.estore.shared.contracts.ModelsBuilt;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.shared.logging.LogContext;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.work.WorkEvent;
import dev.estore.transform.TransformConfig;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Turns triggers into builds, one at a time. Triggers that arrive while a build is queued join it, and a queued
 * build waits for a quiet period (capped) before it starts, so the seven raw-events-loaded messages of a backfill
 * lead to one build rather than seven (a debouncer: each trigger schedules a check at the new due time on one
 * scheduled thread, which also runs the builds, so two never overlap). Builds can be paused and resumed by an
 * operator, as a Dagster sensor is: a backfill loads every file first and then builds once. A successful build
 * announces models-built; a failed one pipeline-failed.
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
    private final BuildMetrics metrics;

    /** One thread: it waits out quiet periods and runs the builds, so builds never overlap. */
    private final ScheduledThreadPoolExecutor builds;
    private final Duration shutdownWait;

    private Pending pending;
    private boolean pendingCounted;
    private boolean paused;
    private boolean stopped;
    private ScheduledFuture<?> nextCheck;
    /** The build the builds thread runs now, or null. */
    private String runningRunId;

    @Inject
    public BuildCoordinator(BuildRunner runner, RunHistory history, EventBus bus, FailureReporter failures,
            Event<WorkEvent> work, TransformConfig config, BuildMetrics metrics) {
        this.metrics = metrics;
        this.runner = runner;
        this.history = history;
        this.bus = bus;
        this.failures = failures;
        this.work = work;
        this.quietPeriod = config.coalesceQuietPeriod();
        this.maxWait = config.coalesceMaxWait();
        this.shutdownWait = config.shutdownWait();
        this.builds = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "transform-builds");
            thread.setDaemon(true);
            return thread;
        });
        builds.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // no queued build starts at shutdown
        builds.setRemoveOnCancelPolicy(true);
    }

    /** SIGTERM: no new build starts, and a running one gets until estore.transform.shutdown-wait to finish. */
    void onShutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent shutdown) {
        stopAndAwait(shutdownWait);
    }

    /**
     * Stops taking queued builds and waits up to {@code wait} for the running one; true when none runs any more.
     * A build still running is recorded as interrupted at the next start, which builds its days again.
     */
    public boolean stopAndAwait(Duration wait) {
        String running;
        synchronized (this) {
            stopped = true;
            running = runningRunId;
        }
        builds.shutdown();
        try {
            builds.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String stillRunning;
        synchronized (this) {
            stillRunning = runningRunId;
        }
        if (stillRunning != null) {
            LOG.warnf("Run %s still running after %s at shutdown: it will be recorded as interrupted and its days "
                    + "built again at the next start", stillRunning, wait);
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
            // the build continues the trace of its first trigger (a file's load): one trace from file to marts
            pending = new Pending(newRunId(now), request, now, now, false, Context.current());
            countPending();
            LOG.infof("Run %s queued (%s)", pending.runId, String.join(", ", request.triggers()));
        } else {
            pending = new Pending(pending.runId, pending.request.mergedWith(request), pending.firstAt, now,
                    pending.dueNow, pending.trace);
            LOG.debugf("Trigger %s joins queued run %s", request.triggers(), pending.runId);
        }
        history.put(queuedRecord(pending));
        checkWhenDue();
        return pending.runId;
    }

    /**
     * Pauses builds until {@link #resume()}: triggers still queue (and join) one build, which does not start. A
     * paused build is not announced as work in progress: nothing happens to it until somebody resumes. Lasts until
     * resumed or until the service restarts (a restart builds what is owed, see {@link CatchUpBuild}).
     */
    public synchronized void pause() {
        if (!paused) {
            LOG.infof("Builds paused%s", pending == null ? "" : "; run " + pending.runId + " stays queued");
        }
        paused = true;
        if (pendingCounted) {
            pendingCounted = false;
            work.fire(WorkEvent.ended(SERVICE, pending.runId));
        }
    }

    /** Lets builds go again; a build queued while paused starts at once: the pause already gathered the burst. */
    public synchronized void resume() {
        if (!paused) {
            return; // nothing held back: a queued build keeps its quiet period
        }
        LOG.infof("Builds resumed%s", pending == null ? "" : "; run " + pending.runId + " starts now");
        paused = false;
        if (pending != null) {
            pending = new Pending(pending.runId, pending.request, pending.firstAt, pending.lastAt, true,
                    pending.trace);
        }
        countPending();
        checkWhenDue();
    }

    public synchronized boolean paused() {
        return paused;
    }

    /**
     * Takes a queued build back (the triggers it gathered are dropped; what they loaded stays pending in the ledger
     * for the next build). Empty when no build of that id is queued: it is running, finished or unknown.
     */
    public synchronized Optional<RunRecord> cancel(String runId) {
        if (pending == null || !pending.runId.equals(runId)) {
            return Optional.empty();
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
        return Optional.of(cancelled);
    }

    public synchronized boolean hasQueuedBuild() {
        return pending != null;
    }

    public synchronized Optional<String> queuedRunId() {
        return Optional.ofNullable(pending).map(Pending::runId);
    }

    private void countPending() {
        if (pending != null && !paused && !pendingCounted) {
            pendingCounted = true;
            work.fire(WorkEvent.started(SERVICE, pending.runId));
        }
    }

    /** Schedules the next look at the queued build for when its quiet period (or maximum wait) ends. */
    private synchronized void checkWhenDue() {
        if (stopped || paused || pending == null) {
            return;
        }
        if (nextCheck != null) {
            nextCheck.cancel(false);
        }
        nextCheck = builds.schedule(this::buildIfDue, untilDue(pending).toMillis(), TimeUnit.MILLISECONDS);
    }

    private Duration untilDue(Pending queued) {
        Instant due = min(queued.lastAt.plus(quietPeriod), queued.firstAt.plus(maxWait));
        return queued.dueNow ? Duration.ZERO : Duration.between(Instant.now(), due);
    }

    /** On the builds thread: runs the queued build if it is due, or looks again when it will be. */
    private void buildIfDue() {
        Pending next = takeIfDue();
        if (next == null) {
            return;
        }
        try {
            execute(next);
        } catch (RuntimeException | Error e) {
            // the thread must outlive any one run, or no build would ever start again
            LOG.errorf(e, "Run %s could not be completed: %s", next.runId, e.getMessage());
        } finally {
            work.fire(WorkEvent.ended(SERVICE, next.runId));
            checkWhenDue(); // triggers that arrived during the build queued the next one
        }
    }

    private synchronized Pending takeIfDue() {
        if (stopped || paused || pending == null) {
            return null;
        }
        if (untilDue(pending).toMillis() > 0) {
            checkWhenDue();
            return null;
        }
        Pending taken = pending;
        pending = null;
        pendingCounted = false;
        runningRunId = taken.runId;
        return taken;
    }

    private void execute(Pending next) {
        try (LogContext run = LogContext.of("runId", next.runId); Scope trace = next.trace.makeCurrent()) {
            executeRun(next);
        } finally {
            synchronized (this) {
                runningRunId = null;
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
        metrics.record(result);
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
            failures.succeeded(SERVICE, "build", run.runId());
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
    public void stop() {
        synchronized (this) {
            stopped = true;
        }
        builds.shutdown(); // a running build finishes; no queued one starts
    }

    private record Pending(String runId, BuildRequest request, Instant firstAt, Instant lastAt, boolean dueNow,
            Context trace) {
    }
}
