package dev.estore.runner.pipeline;

import dev.estore.embedded.bucket.LocalBucketWatcher;
import dev.estore.embedded.bucket.LocalFolderObjectStore;
import dev.estore.embedded.bus.DeadLetter;
import dev.estore.embedded.bus.InProcessEventBus;
import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.work.WorkInProgress;
import dev.estore.semantic.findings.Findings;
import dev.estore.semantic.findings.FindingsReport;
import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.ports.RawEventsStore;
import dev.estore.shared.ports.RawEventsStore.LoadRecord;
import dev.estore.shared.ports.StoredObject;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.CatchUpBuild;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunHistory;
import dev.estore.transform.build.RunRecord;
import dev.estore.transform.cli.CommandTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Drives the four services of this JVM through folders of files: each folder is mounted as a bucket, every file
 * in it is announced as GCS would announce it, and the run waits until every service has finished reacting.
 * Builds are paused (the transform service's operator pause) until every file is loaded, so a backfill of many
 * files builds once (and the two stages can be timed apart). The services themselves do the work; this class only starts the chain and reads the outcome.
 */
@ApplicationScoped
public class EmbeddedPipeline implements CommandTarget {

    private static final Logger LOG = Logger.getLogger(EmbeddedPipeline.class);

    private final LocalFolderObjectStore buckets;
    private final LocalBucketWatcher watcher;
    private final DuckDbDatabase database;
    private final Warehouse warehouse;
    private final RawEventsStore raw;
    private final WorkInProgress work;
    private final InProcessEventBus bus;
    private final RunHistory builds;
    private final BuildCoordinator coordinator;
    private final FailureLog failures;
    private final LocalBucketNames bucketNames;
    private final FindingsReport findingsReport;
    private final CatchUpBuild catchUp;

    public EmbeddedPipeline(LocalFolderObjectStore buckets, LocalBucketWatcher watcher, DuckDbDatabase database,
            Warehouse warehouse, RawEventsStore raw, WorkInProgress work, InProcessEventBus bus, RunHistory builds,
            BuildCoordinator coordinator, FailureLog failures, LocalBucketNames bucketNames,
            FindingsReport findingsReport, CatchUpBuild catchUp) {
        this.buckets = buckets;
        this.watcher = watcher;
        this.database = database;
        this.warehouse = warehouse;
        this.raw = raw;
        this.work = work;
        this.bus = bus;
        this.builds = builds;
        this.coordinator = coordinator;
        this.failures = failures;
        this.bucketNames = bucketNames;
        this.findingsReport = findingsReport;
        this.catchUp = catchUp;
    }

    /** Uses this warehouse file instead of the configured one; call before anything touches the warehouse. */
    public void useWarehouse(Path file) {
        database.openAt(file);
    }

    public Path warehouseFile() {
        return database.path();
    }

    @Override
    public String describe() {
        return "DuckDB " + database.path();
    }

    @Override
    public void useWarehouseFile(Path file) {
        useWarehouse(file);
    }

    /** target/ beside the warehouse file, as dbt keeps target/ beside the project. */
    @Override
    public Path defaultTargetPath() {
        return database.path().toAbsolutePath().getParent().resolve("target");
    }

    /** Mounts a folder as its bucket (see {@link LocalBucketNames}) and returns the bucket name. */
    public String mount(Path folder) {
        String name = bucketNames.nameFor(folder);
        buckets.mount(name, folder);
        return name;
    }

    /** Announces every file of the folders, waits for the pipeline to settle, and reports. */
    public RunSummary run(List<Path> folders, Duration timeout) throws IOException, InterruptedException {
        return run(folders, timeout, false);
    }

    /** As {@link #run(List, Duration)}; {@code fullRefresh} rebuilds every model from scratch after the loads. */
    public RunSummary run(List<Path> folders, Duration timeout, boolean fullRefresh)
            throws IOException, InterruptedException {
        Instant started = Instant.now();
        int failuresBefore = failures.size();
        int deadLettersBefore = bus.deadLetters().size();
        List<StoredObject> objects = new ArrayList<>();
        coordinator.pause();
        boolean loaded;
        try {
            for (Path folder : folders) {
                String bucket = mount(folder);
                List<StoredObject> found = watcher.notifyExisting(bucket);
                LOG.infof("Bucket %s (%s): %d file(s) announced", bucket, folder, found.size());
                objects.addAll(found);
            }
            loaded = work.awaitIdle(timeout);
            if (fullRefresh) {
                coordinator.submit(new BuildRequest(List.of(), true, List.of("run:full-refresh")));
            } else {
                catchUpIfNeeded();
            }
        } finally {
            coordinator.resume();
        }
        Instant loadsDone = Instant.now();
        boolean settled = loaded && work.awaitIdle(timeout.minus(Duration.between(started, loadsDone)));
        Instant done = Instant.now();
        // the pipeline is idle: the write-ahead log goes into the file now, not in the commit of a later build
        Duration checkpoint = settled ? database.checkpoint().orElse(Duration.ZERO) : Duration.ZERO;
        FindingsOutcome findings = findings();
        if (!settled) {
            LOG.errorf("The pipeline did not finish within %s; reporting what is done so far", timeout);
        }
        List<PipelineFailed> failed = failures.since(failuresBefore);
        List<DeadLetter> deadLetters = bus.deadLetters();
        return new RunSummary(outcomes(objects, failed), lastBuildSince(started), tables(),
                failed.stream().map(f -> f.service() + " " + f.stage() + " " + f.subject() + ": " + f.reason())
                        .toList(),
                deadLetters.subList(Math.min(deadLettersBefore, deadLetters.size()), deadLetters.size()),
                database.path().toString(), Duration.between(started, done), Duration.between(started, loadsDone),
                Duration.between(loadsDone, done), checkpoint, !settled, findings.findings(), findings.error());
    }

    private record FindingsOutcome(Findings findings, String error) {
    }

    /** The findings on the warehouse as the run left it; the reason instead when they cannot be computed. */
    private FindingsOutcome findings() {
        try {
            return new FindingsOutcome(findingsReport.compute(), null);
        } catch (RuntimeException e) {
            LOG.warnf("No findings for this run: %s", e.getMessage());
            return new FindingsOutcome(null, e.getMessage());
        }
    }

    /**
     * When nothing new was loaded no build is triggered; if a build is owed all the same (the last one failed or
     * was interrupted, or loads were never built), a run builds anyway.
     */
    private void catchUpIfNeeded() {
        if (!coordinator.hasQueuedBuild()) {
            catchUp.submitIfOwed("run");
        }
    }

    /**
     * Each file with its latest ledger entry. A file without one (the ledger write failed too, as on a full disk)
     * carries the failure reported for it instead, so the summary says why rather than showing a blank.
     */
    private List<RunSummary.FileOutcome> outcomes(List<StoredObject> objects, List<PipelineFailed> failed) {
        List<LoadRecord> ledger = raw.recent(100_000);
        List<RunSummary.FileOutcome> outcomes = new ArrayList<>();
        for (StoredObject object : objects) {
            LoadRecord latest = ledger.stream()
                    .filter(load -> load.object().bucket().equals(object.ref().bucket())
                            && load.object().name().equals(object.ref().name())
                            && load.object().generation() == object.ref().generation())
                    .max(Comparator.comparing(LoadRecord::startedAt)).orElse(null);
            String unrecorded = latest != null ? null : failed.stream()
                    .filter(failure -> failure.subject().equals(object.ref().uri()))
                    .map(PipelineFailed::reason).reduce((first, last) -> last).orElse(null);
            outcomes.add(new RunSummary.FileOutcome(object.ref().bucket(), object.ref().name(), object.size(),
                    latest, unrecorded));
        }
        return outcomes;
    }

    private RunRecord lastBuildSince(Instant started) {
        return builds.recent().stream()
                .filter(run -> run.startedAt() != null && !run.startedAt().isBefore(started))
                .findFirst().orElse(null);
    }

    /**
     * Builds what the request selects through the transform service (so snapshots and the semantic layer follow,
     * as after a load), telling {@code progress} each model as it finishes, and waits until every service is idle.
     * The run's record, or null when it did not finish within the timeout.
     */
    @Override
    public RunRecord build(BuildRequest request, Duration timeout, java.util.function.Consumer<ModelRun> progress)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        RunRecord run = follow(request, deadline, progress);
        if (run == null) {
            return null;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        work.awaitIdle(left.isNegative() ? Duration.ZERO : left);
        database.checkpoint();
        return run;
    }

    /** Queues the build and tells each model as it finishes; the finished run, or null at the deadline. */
    private RunRecord follow(BuildRequest request, Instant deadline, Consumer<ModelRun> progress)
            throws InterruptedException {
        String runId = coordinator.submit(request);
        int told = 0;
        while (Instant.now().isBefore(deadline)) {
            RunRecord run = builds.find(runId).orElse(null);
            List<ModelRun> models = run == null ? List.of() : run.models();
            for (; told < models.size(); told++) {
                progress.accept(models.get(told));
            }
            if (run != null && run.status().finished()) {
                return run;
            }
            Thread.sleep(100);
        }
        return null;
    }

    /** Row counts of every table in the pipeline's schemas, and its views (not counted). */
    public List<RunSummary.TableCount> tables() {
        List<RunSummary.TableCount> counts = new ArrayList<>();
        for (Map<String, Object> table : warehouse.query("""
                SELECT table_schema, table_name, table_type FROM information_schema.tables
                WHERE table_catalog = current_database()
                  AND table_schema IN ('raw', 'staging', 'intermediate', 'marts', 'snapshots')
                ORDER BY CASE table_schema WHEN 'raw' THEN 1 WHEN 'staging' THEN 2 WHEN 'intermediate' THEN 3 WHEN 'marts' THEN 4 ELSE 5 END,
                         table_name""")) {
            String relation = table.get("table_schema") + "." + table.get("table_name");
            if ("VIEW".equals(table.get("table_type"))) {
                // not counted: a view is computed when read, and counting stg_events deduplicates all of raw.events
                counts.add(new RunSummary.TableCount(relation, "view", null));
                continue;
            }
            long rows = ((Number) warehouse.query("SELECT count(*) AS n FROM " + relation).get(0).get("n"))
                    .longValue();
            counts.add(new RunSummary.TableCount(relation, "table", rows));
        }
        return counts;
    }
}
