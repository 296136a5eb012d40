package dev.estore.transform.build;

import dev.estore.shared.logging.LogContext;
import dev.estore.shared.ports.Warehouse;
import dev.estore.shared.ports.WarehouseReads;
import dev.estore.transform.TransformConfig;
import dev.estore.transform.project.DataTestSpec;
import dev.estore.transform.project.IncrementalConfig;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import dev.estore.transform.project.SingularTest;
import dev.estore.transform.project.ReportSpec;
import dev.estore.transform.quality.DataTestRunner;
import dev.estore.transform.quality.TestResult;
import dev.estore.transform.project.IncrementalStrategy;
import dev.estore.transform.project.Materialization;
import dev.estore.transform.project.StatusChange;
import dev.estore.transform.sql.SqlTemplate;
import dev.estore.transform.sql.WindowSql;
import dev.estore.transform.window.ChangeLedger;
import dev.estore.transform.window.ChangedWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import dev.estore.transform.select.NodeSelector;
import org.jboss.logging.Logger;

/**
 * Runs one build: the selected models in dependency order, each written, audited by its data tests and only then
 * published ({@link dev.estore.shared.ports.Warehouse#writeAuditPublish}; one transaction on DuckDB, an audit
 * table and a copy on BigQuery). A model whose build or tests fail keeps its previous relation, and
 * the models downstream of it are skipped rather than built on stale input.
 *
 * <p>A build first turns the loads that landed since the last one into pending days ({@link ChangeLedger}); each
 * model then reads and rewrites only its pending days ({@link BuildPlanner}), tests only the rows on them, and
 * hands the days it changed to its children together with its publish.
 *
 * <p>A relationships test pointing at a model built later in the same run is deferred to that model's
 * transaction, where both sides are current.
 */
@ApplicationScoped
public class BuildRunner {

    private static final Logger LOG = Logger.getLogger(BuildRunner.class);

    private final ModelProject project;
    private final Warehouse warehouse;
    private final ModelContext context;
    private final Materializer materializer;
    private final ChangeLedger ledger;
    private final Map<String, String> vars;
    /** Singular tests by the model whose build runs them. */
    private final Map<String, List<DataTestSpec>> singularTests;
    private final dev.estore.transform.quality.TestFailures testFailures;
    /** The most estimated events one statement of a batch_size: day model writes; empty: one statement. */
    private final java.util.OptionalLong batchMaxEvents;

    @jakarta.inject.Inject
    public BuildRunner(ModelProject project, Warehouse warehouse, TransformConfig config) {
        this(project, warehouse, config.vars(), new ChangeLedger(warehouse), config.batchMaxEvents());
    }

    private BuildRunner(ModelProject project, Warehouse warehouse, Map<String, String> vars, ChangeLedger ledger,
            java.util.OptionalLong batchMaxEvents) {
        this.project = project;
        this.warehouse = warehouse;
        this.vars = vars;
        this.batchMaxEvents = batchMaxEvents;
        this.context = new ModelContext(project, warehouse, vars);
        this.materializer = new Materializer(warehouse);
        this.ledger = ledger;
        this.testFailures = new dev.estore.transform.quality.TestFailures(warehouse);
        this.singularTests = singularTestsByOwner();
    }

    /**
     * The project's singular tests, each owned by the last model (in build order) it refers to: it runs in that
     * model's build, where every model it reads is current.
     */
    private Map<String, List<DataTestSpec>> singularTestsByOwner() {
        Map<String, List<DataTestSpec>> owned = new HashMap<>();
        RefMarkers markers = new RefMarkers(context);
        for (SingularTest test : project.singularTests()) {
            String owner = project.buildOrder().stream().filter(test.refs()::contains).reduce((first, last) -> last)
                    .orElse(null);
            if (owner != null) {
                owned.computeIfAbsent(owner, model -> new ArrayList<>()).add(DataTestSpec.singular(test.name(),
                        new SqlTemplate(test.path(), test.sql()).render(markers)));
            }
        }
        return owned;
    }

    /**
     * A runner that builds the {@code chosen} models into another target (dbt's {@code --target dev} with defer):
     * into their schemas suffixed {@code _<target>} ({@code marts_dev}), reading production's tables for every
     * model it does not build, with its own bookkeeping ({@code ops_<target>}), so production's tables and
     * pending days are never touched. Its first build of a model is a full one.
     */
    public BuildRunner forTarget(String target, java.util.Collection<String> chosen) {
        String suffix = "_" + target;
        return new BuildRunner(project.retargeted(Set.copyOf(chosen), suffix), warehouse, vars,
                new ChangeLedger(warehouse, "ops" + suffix), batchMaxEvents);
    }

    /**
     * The models a selection names (dbt's selector grammar, {@link NodeSelector}), in build order; an unknown
     * model or a malformed selector is an IllegalArgumentException.
     */
    public List<String> selection(List<String> select) {
        return selection(select, List.of());
    }

    /** As {@link #selection(List)}, less what {@code exclude} names (dbt's --exclude). */
    public List<String> selection(List<String> select, List<String> exclude) {
        return selection(select, exclude, null);
    }

    /** As {@link #selection(List, List)}, with the manifest {@code state:modified} compares with (or null). */
    public List<String> selection(List<String> select, List<String> exclude,
            dev.estore.transform.select.Manifest state) {
        return new NodeSelector(project, state).select(select, exclude);
    }

    /**
     * dbt's test: the data tests of the models, on their published tables, every row (nothing is built). Keyed by
     * model, in build order; a model whose table does not exist yet is reported as one failed result.
     */
    public Map<String, List<TestResult>> test(List<String> models) {
        Map<String, List<TestResult>> results = new LinkedHashMap<>();
        for (String name : models) {
            ModelDefinition model = project.model(name);
            List<DataTestSpec> all = new ArrayList<>(model.allTests());
            all.addAll(singularTests.getOrDefault(name, List.of()));
            if (all.isEmpty()) {
                continue;
            }
            if (!warehouse.relationExists(model.schema(), name)) {
                results.put(name, List.of(new TestResult("exists", name, null, false, 0, List.of(Map.of("error",
                        context.relationOf(name) + " does not exist: build it first")))));
                continue;
            }
            results.put(name, warehouse.inTransaction(transaction -> DataTestRunner.run(transaction, name,
                    context.relationOf(name), all, context::relationOf)));
        }
        return results;
    }

    /**
     * dbt's unit tests of these models (unit_tests in their YAML), on stand-in tables in a transaction that is
     * rolled back: nothing of the warehouse is read or written but its tables' column types.
     */
    public List<TestResult> unitTests(List<String> models) {
        UnitTestRunner runner = new UnitTestRunner(project, warehouse, context);
        return project.unitTests().stream().filter(test -> models.contains(test.model())).map(runner::run).toList();
    }

    /** Marks the days from {@code first} to {@code last} to be rebuilt for these models (a backfill). */
    public void backfill(java.util.Collection<String> models, LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("--end " + last + " is before --start " + first);
        }
        ledger.markPending(models, first, last);
    }

    /** The project's manifest now (dbt's manifest.json): what a later state:modified compares with. */
    public dev.estore.transform.select.Manifest manifest() {
        return dev.estore.transform.select.Manifest.of(project);
    }

    /** The SQL a model runs, rendered for this warehouse (what GET /models/{name} shows). */
    public String compiledSql(String model) {
        ModelDefinition definition = project.model(model);
        return new SqlTemplate(definition.path(), definition.sql()).render(context);
    }

    /** The schemas the models live in (a build creates them when missing). */
    public List<String> schemas() {
        return project.schemas();
    }

    public RunRecord run(String runId, BuildRequest request) {
        return run(runId, request, finished -> { });
    }

    /** As {@link #run(String, BuildRequest)}; {@code progress} hears each model as it finishes (built, failed, skipped). */
    public RunRecord run(String runId, BuildRequest request, java.util.function.Consumer<ModelRun> progress) {
        Instant started = Instant.now();
        List<String> selected = selection(request.select());
        LOG.infof("Run %s: building %d model(s) %s%s (triggers: %s)", runId, selected.size(), selected,
                request.fullRefresh() ? " with full refresh" : "", summarize(request.triggers()));
        warehouse.ensureSchemas(project.schemas());
        ledger.absorbNewLoads(project.buildOrder().stream().filter(model -> project.model(model).readsSources())
                .toList());
        Map<String, List<Deferred>> deferred = new HashMap<>();
        Map<String, ChangedWindow> testWindows = new HashMap<>();
        Set<String> notBuilt = new HashSet<>();
        List<ModelRun> runs = new ArrayList<>();
        for (String name : selected) {
            ModelDefinition model = project.model(name);
            Set<String> blockedBy = model.upstream().stream().filter(notBuilt::contains)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            ModelRun run;
            if (!blockedBy.isEmpty()) {
                run = ModelRun.skipped(name, context.relationOf(name), model.materialization().name().toLowerCase(),
                        "skipped: upstream " + blockedBy + " did not build");
                LOG.warnf("Run %s: %s skipped because %s did not build", runId, name, blockedBy);
            } else {
                try (LogContext building = LogContext.of("model", name)) {
                    run = build(runId, model, request, testsFor(model, selected, deferred, notBuilt), testWindows);
                }
            }
            if (run.status() != ModelRun.Status.BUILT) {
                notBuilt.add(name);
            }
            runs.add(run);
            progress.accept(run);
        }
        boolean success = runs.stream().allMatch(run -> run.status() == ModelRun.Status.BUILT);
        String error = success ? null : failureSummary(runs);
        return new RunRecord(runId, request.triggers(), request.select(), request.fullRefresh(),
                success ? RunRecord.Status.SUCCESS : RunRecord.Status.FAILED, started, Instant.now(), runs, error);
    }

    /** ", read 11,224 rows (0.3 MB)" for the log; empty when the warehouse does not say. */
    private static String described(WarehouseReads read) {
        if (read.rows() == null && read.bytes() == null) {
            return "";
        }
        String rows = read.rows() == null ? null : String.format("%,d rows", read.rows());
        String bytes = read.bytes() == null ? null : String.format("%.1f MB", read.bytes() / 1e6);
        return ", read " + (rows == null ? bytes : bytes == null ? rows : rows + " (" + bytes + ")");
    }

    /**
     * {@code testWindows}: the days each model built earlier in the run had its rows tested on; a test deferred
     * from such a model (a relationships test waiting for its parent) checks the same rows.
     */
    private ModelRun build(String runId, ModelDefinition model, BuildRequest request, List<Deferred> tests,
            Map<String, ChangedWindow> testWindows) {
        String relation = context.relationOf(model.name());
        String materialization = model.materialization().name().toLowerCase();
        long started = System.nanoTime();
        WarehouseReads readBefore = warehouse.readsSoFar();
        try {
            // an incremental model whose relation is still a view (its materialization changed) is built anew
            boolean exists = warehouse.relationExists(model.schema(), model.name())
                    && (model.materialization() != Materialization.INCREMENTAL
                            || !warehouse.isView(model.schema(), model.name()));
            boolean folds = model.incremental() != null && model.incremental().fullRefreshOnEarlierDates();
            LocalDate folded = folds ? ledger.foldedThrough(model.name()) : null;
            BuildPlan plan = BuildPlanner.plan(model, ledger.pending(model.name()), exists, request.fullRefresh(),
                    folded);
            testWindows.put(model.name(), plan.testWindow());
            if (plan.kind() == BuildPlan.Kind.UP_TO_DATE) {
                LOG.infof("Run %s: %s is up to date (no changed day)", runId, relation);
                return new ModelRun(model.name(), relation, materialization, ModelRun.Status.BUILT, plan.reason(),
                        rowCount(model, relation, warehouse::query), (System.nanoTime() - started) / 1_000_000, 0,
                        null, List.of(), Map.of(), null);
            }
            ModelContext modelContext = alsoReading(runId, model, plan,
                    context.forBuild(model.name(), plan.window(), plan.incremental()));
            String select = new SqlTemplate(model.path(), model.sql()).render(modelContext);
            ReplacedRows replaced = plan.incremental() ? replacedRows(model, modelContext) : null;
            ChangedWindow handedDown = plan.handedDown();
            if (exists && model.statusChange() != null && !handedDown.isAll()) {
                handedDown = handedDown.union(statusChangeDays(runId, model, select, plan.incremental()));
            }
            ChangedWindow changed = handedDown;
            BatchedSelect batched = batched(runId, model, plan);
            Built built = warehouse.writeAuditPublish(model.schema(), model.name(), audit -> {
                String mode = materializer.materialize(audit, model, select, plan, replaced, batched);
                var transaction = audit.statements();
                for (String hook : postHooks(model, modelContext.withSelf(audit.relation()))) {
                    transaction.execute(hook);
                }
                // The model's tests, and tests of earlier models pointing at it, read the unpublished relation; each
                // test checks the rows its own model changed (all rows after a full build): rows outside were
                // checked when they were built, and a parent keeps every key that older rows can point at.
                UnaryOperator<String> relationOf = other -> other.equals(model.name()) ? audit.relation()
                        : context.relationOf(other);
                UnaryOperator<String> testedRowsOf = owner -> scoped(relationOf.apply(owner), project.model(owner),
                        testWindows.getOrDefault(owner, ChangedWindow.all()));
                long testsStarted = System.nanoTime();
                List<TestResult> results = new ArrayList<>();
                tests.stream().collect(Collectors.groupingBy(Deferred::model, LinkedHashMap::new,
                        Collectors.mapping(Deferred::test, Collectors.toList())))
                        .forEach((owner, specs) -> results.addAll(DataTestRunner.run(transaction, owner,
                                testedRowsOf.apply(owner), daySlices(relationOf.apply(owner), project.model(owner),
                                        testWindows.getOrDefault(owner, ChangedWindow.all())), specs,
                                relationOf, testedRowsOf)));
                if (results.stream().anyMatch(TestResult::blocks)) {
                    throw new TestsFailedException(model.name(), results);
                }
                long testMillis = (System.nanoTime() - testsStarted) / 1_000_000;
                WarehouseReads read = warehouse.readsSoFar().minus(readBefore);
                LocalDate foldedThrough = !folds ? null
                        : plan.incremental() ? latest(folded, plan.window().dates().last())
                        : ledger.newestLoadedDay();
                if (folds) {
                    ledger.forgetFold(audit::beforePublish, model.name());
                }
                ledger.recordBuilt(audit::withPublish, model.name(), project.downstreamOf(model.name()), changed,
                        foldedThrough);
                return new Built(mode, results, testMillis, read);
            });
            persistDocs(runId, model);
            warnAbout(runId, relation, built.tests());
            // counted once published: an audit may hold only the partitions the build changed
            long rows = rowCount(model, relation, warehouse::query);
            long millis = (System.nanoTime() - started) / 1_000_000;
            // a report covers the days this build changed (every day after a full build), also for a view
            Map<String, List<Map<String, Object>>> reports = reports(model,
                    context.forBuild(model.name(), changed, plan.incremental()));
            WarehouseReads read = built.read();
            LOG.infof("Run %s: built %s (%s, %s): %s in %d ms%s, %d test(s) passed%s", runId, relation,
                    materialization, built.mode(), rows < 0 ? "rows not counted"
                            : String.format("%,d rows", rows), millis, described(read), built.tests().size(),
                    reports.isEmpty() ? "" : "; " + reports);
            return new ModelRun(model.name(), relation, materialization, ModelRun.Status.BUILT, built.mode(),
                    rows, millis, built.testMillis(), null, built.tests(), reports, read);
        } catch (TestsFailedException e) {
            LOG.errorf("Run %s: %s rolled back, its previous relation is kept: %s", runId, relation, e.getMessage());
            testFailures.record(runId, e.results());
            return new ModelRun(model.name(), relation, materialization, ModelRun.Status.FAILED, null, 0,
                    (System.nanoTime() - started) / 1_000_000, 0, e.getMessage(), e.results(), Map.of(),
                    warehouse.readsSoFar().minus(readBefore));
        } catch (RuntimeException e) {
            String message = model.path() + ": " + e.getMessage();
            LOG.errorf("Run %s: %s failed and was rolled back, its previous relation is kept: %s", runId, relation,
                    message);
            return new ModelRun(model.name(), relation, materialization, ModelRun.Status.FAILED, null, 0,
                    (System.nanoTime() - started) / 1_000_000, 0, message, List.of(), Map.of(),
                    warehouse.readsSoFar().minus(readBefore));
        }
    }

    /**
     * The statements of a {@code batch_size: day} model: its window in batches of days ({@link #dayBatches}), each
     * rendered with its batch as the window; null for one statement.
     */
    private BatchedSelect batched(String runId, ModelDefinition model, BuildPlan plan) {
        if (model.incremental() == null || !model.incremental().batchedByDay()) {
            return null;
        }
        List<ChangedWindow> batches = dayBatches(plan.window());
        if (batches.isEmpty()) {
            return null;
        }
        LOG.infof("Run %s: %s writes %s in %d batches of days (at most %,d estimated events each)", runId,
                model.name(), plan.window().isAll() ? "every loaded day" : plan.window(), batches.size(),
                batchMaxEvents.getAsLong());
        return new BatchedSelect(batches, batch -> new SqlTemplate(model.path(), model.sql())
                .render(context.forBuild(model.name(), batch, plan.incremental())));
    }

    /**
     * The tested rows of an insert_overwrite model split into its partition's batches of days
     * ({@link #dayBatches}), for its unique tests; empty for one statement. Slices of a full build's rows end with
     * the rows outside every loaded day, so that together they still hold every row.
     */
    private List<String> daySlices(String relation, ModelDefinition model, ChangedWindow tested) {
        // Only a model that replaces whole days: its unique keys are built day by day (fct_events' event_id hashes
        // event_time), where a model like fct_sessions could repeat a key across days, which slices would not see.
        if (model.windowColumn() == null || model.incrementalStrategy() != IncrementalStrategy.INSERT_OVERWRITE
                || !model.windowColumn().equals(model.partitionBy().field())) {
            return List.of();
        }
        List<ChangedWindow> batches = dayBatches(tested);
        String column = model.windowColumn();
        List<String> slices = new ArrayList<>(batches.stream().map(batch -> scoped(relation, model, batch)).toList());
        if (tested.isAll() && !batches.isEmpty()) {
            ChangedWindow loadedDays = batches.stream().reduce(ChangedWindow.none(), ChangedWindow::union);
            slices.add("(SELECT * FROM " + relation + " WHERE " + column + " IS NULL OR NOT ("
                    + WindowSql.dates(loadedDays, column, warehouse.dialect()) + "))");
        }
        return slices;
    }

    /**
     * A window's days (every day a loaded file covers, for a whole-table window) in batches of at most
     * {@code batch-max-events} estimated events; empty when no limit is set, when the days are unknown (no ledger,
     * or one that does not account for every source row) or when they fit in one batch.
     */
    private List<ChangedWindow> dayBatches(ChangedWindow window) {
        if (batchMaxEvents.isEmpty() || window.isEmpty()) {
            return List.of();
        }
        java.util.NavigableMap<LocalDate, Long> eventsByDay = ledger.loadedEventsByDay();
        java.util.NavigableSet<LocalDate> days = window.isAll() ? eventsByDay.navigableKeySet() : window.dates();
        if (days.isEmpty()) {
            return List.of();
        }
        List<ChangedWindow> batches = DayBatches.of(days, eventsByDay, batchMaxEvents.getAsLong());
        return batches.size() < 2 ? List.of() : batches;
    }

    /** Tests of severity warn that failed: said in the log and stored, the model published all the same. */
    private void warnAbout(String runId, String relation, List<TestResult> results) {
        List<TestResult> warnings = results.stream().filter(result -> !result.passed()).toList();
        if (!warnings.isEmpty()) {
            LOG.warnf("Run %s: %s published with %d warning(s): %s", runId, relation, warnings.size(),
                    warnings.stream().map(TestResult::summary).collect(Collectors.joining("; ")));
            testFailures.record(runId, warnings);
        }
    }

    /** The previous rows a delete+insert or fold build replaces, rendered for it; null for other strategies. */
    private ReplacedRows replacedRows(ModelDefinition model, ModelContext modelContext) {
        if (model.incrementalStrategy() != IncrementalStrategy.DELETE_INSERT
                && model.incrementalStrategy() != IncrementalStrategy.FOLD) {
            return null;
        }
        IncrementalConfig config = model.incremental();
        return new ReplacedRows(metadataSql(model, "replace_by", config.replaceBy()).render(modelContext),
                config.replaceWhere() == null ? null
                        : metadataSql(model, "replace_where", config.replaceWhere()).render(modelContext),
                config.predicates().stream()
                        .map(predicate -> metadataSql(model, "incremental_predicates", predicate).render(modelContext))
                        .toList());
    }

    /** The model's post_hook statements, rendered with {{ this }} naming the relation just written. */
    private List<String> postHooks(ModelDefinition model, ModelContext hookContext) {
        return model.postHooks().stream()
                .map(hook -> metadataSql(model, "post_hook", hook).render(hookContext))
                .filter(statement -> !statement.isBlank())
                .toList();
    }

    /**
     * An incremental build whose model declares {@code also_reads} reads those days too: the query's
     * {@code first_day, last_day} rows, asked before anything is written.
     */
    private ModelContext alsoReading(String runId, ModelDefinition model, BuildPlan plan, ModelContext modelContext) {
        if (!plan.incremental() || model.incremental().alsoReads() == null) {
            return modelContext;
        }
        ChangedWindow days = ChangedWindow.coveredBy(warehouse.query(
                metadataSql(model, "also_reads", model.incremental().alsoReads()).render(modelContext)));
        if (!days.isEmpty()) {
            LOG.debugf("Run %s: %s also reads %s", runId, model.name(), days);
        }
        return modelContext.readingAlso(days);
    }

    /**
     * The rows of a model its tests check: after an incremental build the changed ones, named by its
     * {@code window_column} (the changed days) or its {@code incremental.tested_rows} (e.g. the keys a fold
     * touched); every row after a full build or when the model names neither.
     */
    private String scoped(String relation, ModelDefinition model, ChangedWindow window) {
        String changed = window.isAll() ? null : changedRows(model, window);
        return changed == null ? relation : "(SELECT * FROM " + relation + " WHERE " + changed + ")";
    }

    /** The condition naming the rows the window changed, or null when the model names none. */
    private String changedRows(ModelDefinition model, ChangedWindow window) {
        if (model.windowColumn() != null) {
            return WindowSql.dates(window, model.windowColumn(), warehouse.dialect());
        }
        String testedRows = model.incremental() == null ? null : model.incremental().testedRows();
        return testedRows == null ? null
                : metadataSql(model, "tested_rows", testedRows).render(context.forBuild(model.name(), window, true));
    }

    /**
     * A table's rows (cheap: the engines keep the count), asked through {@code query} (the build's transaction or
     * the warehouse); a view's are not counted (-1), which would read everything it selects.
     */
    private static long rowCount(ModelDefinition model, String relation,
            java.util.function.Function<String, List<Map<String, Object>>> query) {
        return model.materialization() == Materialization.VIEW ? -1
                : ((Number) query.apply("SELECT count(*) AS n FROM " + relation).get(0).get("n")).longValue();
    }

    /** SQL written in the model's metadata file, named there by its key for error messages. */
    private static SqlTemplate metadataSql(ModelDefinition model, String key, String sql) {
        return new SqlTemplate(model.path().replace(".sql", ".yml") + "#" + key, sql);
    }

    /**
     * The days of the keys whose status (the model's {@code status_change.when}) differs between the published
     * state and the state this build writes: in an incremental build among the keys it rewrites, in a full one
     * among all keys, including keys that disappear. Asked before anything is written.
     */
    private ChangedWindow statusChangeDays(String runId, ModelDefinition model, String select, boolean incremental) {
        StatusChange change = model.statusChange();
        String key = model.uniqueKey().get(0);
        String flippedKeys = "SELECT coalesce(after_build." + key + ", before_build." + key + ") AS " + key
                + " FROM (SELECT " + key + ", (" + change.when() + ") AS flagged FROM (" + select
                + "\n) AS state_rows) AS after_build" + (incremental ? " LEFT JOIN " : " FULL OUTER JOIN ")
                + "(SELECT " + key + ", (" + change.when() + ") AS flagged FROM " + context.relationOf(model.name())
                + ") AS before_build ON after_build." + key + " = before_build." + key
                + " WHERE coalesce(after_build.flagged, false) <> coalesce(before_build.flagged, false)";
        // Usually no key flips: asking first keeps the usual build from reading the dates of every row of
        // datesFrom (a scan of all its partitions on BigQuery) to find none.
        Object flipped = warehouse.query("SELECT count(*) AS flipped FROM (" + flippedKeys + ") AS flipped_keys")
                .get(0).get("flipped");
        if (flipped == null || ((Number) flipped).longValue() == 0) {
            return ChangedWindow.none();
        }
        List<LocalDate> days = warehouse.query("SELECT DISTINCT " + warehouse.dialect().toText(change.dateColumn())
                + " AS day FROM " + context.relationOf(change.datesFrom()) + " WHERE " + key + " IN ("
                + flippedKeys + ")").stream()
                .map(row -> ChangedWindow.day(row.get("day"))).toList();
        ChangedWindow window = ChangedWindow.of(days);
        if (!window.isEmpty()) {
            LOG.infof("Run %s: %s: a key's '%s' changed, so %s of %s change downstream", runId, model.name(),
                    change.when(), window, change.datesFrom());
        }
        return window;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /** The tests to run with this model: its own, minus those deferred to a later model, plus those deferred here. */
    private List<Deferred> testsFor(ModelDefinition model, List<String> selected, Map<String, List<Deferred>> deferred,
            Set<String> notBuilt) {
        List<Deferred> tests = new ArrayList<>();
        int position = selected.indexOf(model.name());
        for (DataTestSpec test : model.allTests()) {
            boolean targetLater = test.kind() == DataTestSpec.Kind.RELATIONSHIPS
                    && selected.indexOf(test.toModel()) > position;
            if (targetLater) {
                deferred.computeIfAbsent(test.toModel(), target -> new ArrayList<>())
                        .add(new Deferred(model.name(), test));
            } else {
                tests.add(new Deferred(model.name(), test));
            }
        }
        deferred.getOrDefault(model.name(), List.of()).stream()
                .filter(test -> !notBuilt.contains(test.model()))
                .forEach(tests::add);
        singularTests.getOrDefault(model.name(), List.of()).forEach(test -> tests.add(new Deferred(model.name(), test)));
        return tests;
    }

    /**
     * Writes the model's descriptions from its YAML file into the warehouse catalog (dbt's persist_docs), so that
     * readers of the warehouse (the semantic layer, a BI tool) see them without the model files. After the
     * commit, because BigQuery allows no table changes inside a transaction; a failure here leaves the model
     * built and is logged, not fatal.
     */
    private void persistDocs(String runId, ModelDefinition model) {
        Map<String, String> columns = new LinkedHashMap<>();
        model.columns().stream().filter(column -> !column.description().isBlank())
                .forEach(column -> columns.put(column.name(), column.description().strip()));
        try {
            warehouse.documentRelation(model.schema(), model.name(), model.description().strip(), columns);
        } catch (RuntimeException e) {
            LOG.warnf("Run %s: the descriptions of %s were not stored in the warehouse catalog (the model is built; "
                    + "the next build stores them again): %s", runId, model.name(), e.getMessage());
        }
    }

    private Map<String, List<Map<String, Object>>> reports(ModelDefinition model, ModelContext modelContext) {
        Map<String, List<Map<String, Object>>> reports = new LinkedHashMap<>();
        for (ReportSpec report : model.reports()) {
            try {
                String sql = metadataSql(model, report.name(), report.sql()).render(modelContext);
                reports.put(report.name(), warehouse.query(sql));
            } catch (RuntimeException e) {
                LOG.warnf("Report %s of %s failed (the model is built): %s", report.name(), model.name(),
                        e.getMessage());
            }
        }
        return reports;
    }

    private static String failureSummary(List<ModelRun> runs) {
        List<String> failed = runs.stream().filter(run -> run.status() == ModelRun.Status.FAILED)
                .map(run -> run.model() + " (" + run.error() + ")").toList();
        List<String> skipped = runs.stream().filter(run -> run.status() == ModelRun.Status.SKIPPED)
                .map(ModelRun::model).toList();
        return "failed: " + String.join("; ", failed) + (skipped.isEmpty() ? "" : "; skipped downstream: " + skipped);
    }

    private static String summarize(List<String> triggers) {
        Map<String, Long> counts = triggers.stream().collect(Collectors.groupingBy(t -> t.split(":")[0],
                LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() + "x " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** {@code read}: what the build and its tests read, not the row count taken after them for the record. */
    private record Built(String mode, List<TestResult> tests, long testMillis, WarehouseReads read) {
    }

    private record Deferred(String model, DataTestSpec test) {
    }
}
