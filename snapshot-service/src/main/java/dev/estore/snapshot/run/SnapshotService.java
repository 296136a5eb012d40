package dev.estore.snapshot.run;

import dev.estore.shared.logging.LogContext;
import dev.estore.shared.contracts.SnapshotsTaken;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.work.WorkEvent;
import dev.estore.snapshot.definition.SnapshotCatalog;
import dev.estore.snapshot.definition.SnapshotDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs snapshots for a trigger, one at a time: every snapshot of a run shares one run time, each is its own
 * transaction, and a failed one is reported (pipeline-failed) while the others go on. The successful ones are
 * announced in one snapshots-taken message, published before this returns so that the bus delivery that
 * triggered the run still counts as work in progress.
 */
@ApplicationScoped
public class SnapshotService {

    public static final String SERVICE = "snapshot-service";
    public static final String STAGE = "snapshot";
    private static final Logger LOG = Logger.getLogger(SnapshotService.class);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private final SnapshotCatalog catalog;
    private final SnapshotExecutor executor;
    private final SnapshotRunLog log;
    private final EventBus bus;
    private final FailureReporter failures;
    private final Event<WorkEvent> work;
    private final Clock clock;
    private final SnapshotMetrics metrics;
    private final AtomicLong sequence = new AtomicLong();
    private Instant lastRunTime = Instant.MIN;

    @Inject
    public SnapshotService(SnapshotCatalog catalog, SnapshotExecutor executor, SnapshotRunLog log, EventBus bus,
            FailureReporter failures, Event<WorkEvent> work, SnapshotMetrics metrics) {
        this(catalog, executor, log, bus, failures, work, metrics, Clock.systemUTC());
    }

    SnapshotService(SnapshotCatalog catalog, SnapshotExecutor executor, SnapshotRunLog log, EventBus bus,
            FailureReporter failures, Event<WorkEvent> work, SnapshotMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.executor = executor;
        this.log = log;
        this.bus = bus;
        this.failures = failures;
        this.work = work;
        this.clock = clock;
    }

    public SnapshotRun runAll(String trigger) {
        return run(catalog.all(), trigger);
    }

    /** Runs one snapshot; an unknown name is a NoSuchElementException naming the known ones. */
    public SnapshotRun runOne(String name, String trigger) {
        SnapshotDefinition definition = catalog.find(name).orElseThrow(() -> new NoSuchElementException(
                "No snapshot " + name + ". Snapshots: " + catalog.names()));
        return run(List.of(definition), trigger);
    }

    private synchronized SnapshotRun run(List<SnapshotDefinition> definitions, String trigger) {
        Instant startedAt = Instant.now();
        TimestampLiteral runTime = nextRunTime();
        String runId = "snap-" + RUN_ID_TIME.format(runTime.instant()) + "-" + sequence.incrementAndGet();
        work.fire(WorkEvent.started(SERVICE, runId));
        try (LogContext snapshotRun = LogContext.of("snapshotRun", runId)) {
            LOG.infof("Snapshot run %s (%s) at %s: %s", runId, trigger, runTime,
                    definitions.stream().map(SnapshotDefinition::name).toList());
            List<SnapshotOutcome> outcomes = new ArrayList<>();
            for (SnapshotDefinition definition : definitions) {
                SnapshotOutcome outcome = take(definition, runId, trigger, runTime);
                log.record(outcome);
                metrics.record(outcome);
                outcomes.add(outcome);
            }
            SnapshotRun run = SnapshotRun.of(runId, trigger, runTime.instant(), startedAt, outcomes);
            announce(run);
            return run;
        } finally {
            work.fire(WorkEvent.ended(SERVICE, runId));
        }
    }

    private SnapshotOutcome take(SnapshotDefinition definition, String runId, String trigger,
            TimestampLiteral runTime) {
        Instant started = Instant.now();
        try {
            SnapshotExecutor.Result result = executor.run(definition, runTime);
            Changes changes = result.changes();
            Instant finished = Instant.now();
            LOG.infof("Snapshot %s (run %s): %d new, %d back, %d changed, %d closed, %d unchanged%s; %s has %,d "
                    + "rows, %,d current (%d ms)", definition.name(), runId, changes.newKeys(),
                    changes.reappeared(), changes.changed(), changes.closed(), changes.unchanged(),
                    changes.keptVanished() > 0 ? ", " + changes.keptVanished() + " gone from the source kept current"
                            : "",
                    result.relation(), result.rows(), result.currentRows(),
                    finished.toEpochMilli() - started.toEpochMilli());
            return new SnapshotOutcome(definition.name(), result.relation(), runId, trigger,
                    SnapshotOutcome.Status.SUCCESS, runTime.instant(), started, finished, changes, result.rows(),
                    result.currentRows(), null);
        } catch (RuntimeException e) {
            String reason = FailureReporter.describe(e);
            failures.report(SERVICE, STAGE, definition.name(), "run " + runId + " rolled back, the previous "
                    + "versions are kept: " + reason);
            return new SnapshotOutcome(definition.name(), definition.target().toString(), runId, trigger,
                    SnapshotOutcome.Status.FAILED, runTime.instant(), started, Instant.now(), Changes.NONE, 0, 0,
                    reason);
        }
    }

    private void announce(SnapshotRun run) {
        List<SnapshotsTaken.SnapshotCounts> counts = run.snapshots().stream()
                .filter(outcome -> outcome.status() == SnapshotOutcome.Status.SUCCESS)
                .map(outcome -> new SnapshotsTaken.SnapshotCounts(outcome.snapshot(),
                        outcome.changes().newKeys() + outcome.changes().reappeared(), outcome.changes().changed(),
                        outcome.changes().closed(), outcome.changes().unchanged()))
                .toList();
        if (run.snapshots().stream().allMatch(outcome -> outcome.status() == SnapshotOutcome.Status.SUCCESS)) {
            failures.succeeded(SERVICE, STAGE, run.runId());
        }
        if (!counts.isEmpty()) {
            bus.publish(Topics.SNAPSHOTS_TAKEN, new SnapshotsTaken(run.runId(), run.trigger(), counts,
                    run.runTime()), run.runId());
        }
    }

    /** Now, but always after the previous run of this process, so two quick runs never share a time. */
    private TimestampLiteral nextRunTime() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        lastRunTime = now.isAfter(lastRunTime) ? now : lastRunTime.plus(1, ChronoUnit.MICROS);
        return TimestampLiteral.of(lastRunTime);
    }
}
