package dev.estore.gcp.bigquery;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.TableId;
import dev.estore.gcp.bigquery.BigQueryGateway.LoadJobOutcome;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.loading.LedgerRows;
import dev.estore.shared.ports.RawEventsStore;
import dev.estore.shared.ports.Warehouse.Transaction;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * raw.events, raw.load_rejects and the raw.loads ledger in BigQuery. A load is a load job straight from the
 * {@code gs://} object into a private staging table (no bytes through this JVM; explicit schema, header skipped,
 * a bad-records budget), then one multi-statement transaction that checks the ledger, claims the object,
 * replaces earlier generations, records the job's and the rules' rejects, appends the good rows with their
 * lineage and writes the ledger entry. The staging table is dropped afterwards (and expires by itself).
 */
@ApplicationScoped
public class BigQueryRawEventsStore implements RawEventsStore {

    /** Tries of a load transaction BigQuery aborts for a concurrent one or a rate limit, and the first pause. */
    static final int TRANSACTION_ATTEMPTS = 5;
    static final java.time.Duration TRANSACTION_BACKOFF = java.time.Duration.ofMillis(500);

    /** Reader rejects recorded per load: BigQuery reports a bounded list of errors anyway. */
    static final int MAX_RECORDED_ERRORS = 1000;
    private static final Logger LOG = Logger.getLogger(BigQueryRawEventsStore.class);
    /** BigQuery's load errors say "line_number: 3" (1-based, the header being line 1), older ones "line 12". */
    private static final Pattern LINE = Pattern.compile("(?i)\\bline(?:_number)?:? (\\d+)");

    private final BigQueryWarehouse warehouse;
    private final BigQueryGateway gateway;
    private final RawTablesSql sql;
    private final int maxBadRecords;
    private volatile boolean tablesReady;
    private final Guard abortedTransactionsRetried = Guard.create().withDescription("load-transaction").withRetry()
            .maxRetries(TRANSACTION_ATTEMPTS - 1).delay(TRANSACTION_BACKOFF.toMillis(), ChronoUnit.MILLIS)
            .jitter(TRANSACTION_BACKOFF.toMillis() / 2, ChronoUnit.MILLIS).maxDuration(0, ChronoUnit.MILLIS)
            .withExponentialBackoff().factor(2).done()
            .whenException(failure -> failure instanceof BigQueryWarehouseException aborted && isRetryable(aborted))
            .done().build();

    @Inject
    public BigQueryRawEventsStore(BigQueryWarehouse warehouse, BigQueryGateway gateway, BigQueryConfig config) {
        this(warehouse, gateway, config.maxBadRecords());
    }

    public BigQueryRawEventsStore(BigQueryWarehouse warehouse, BigQueryGateway gateway, int maxBadRecords) {
        this.warehouse = warehouse;
        this.gateway = gateway;
        this.sql = new RawTablesSql(warehouse.datasets());
        this.maxBadRecords = maxBadRecords;
    }

    @Override
    public LoadOutcome load(LoadRequest request) {
        ensureTables();
        ObjectRef object = request.object();
        Optional<LoadRecord> existing = completedLoadOf(object);
        if (existing.isPresent()) {
            return new AlreadyLoaded(existing.get());
        }
        if (object.name().contains("*")) {
            return new Unreadable("BigQuery load jobs read '*' in a gs:// URI as a wildcard, so this name would load "
                    + "other objects' rows as its own; rename the file without '*' and upload it again");
        }
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TableId stagingId = warehouse.datasets().table("raw",
                "_staging_" + request.loadId().replaceAll("[^A-Za-z0-9_]", "_"));
        String staging = warehouse.datasets().relation("raw", stagingId.getTable());
        String uri = gsUri(request);
        try {
            warehouse.executeAtomically(List.of(RawTablesSql.createStaging(staging)));
            LoadJobOutcome job = gateway.load(BigQueryJobs.loadCsv(uri, stagingId, maxBadRecords));
            if (job.failure() != null) {
                throw new BigQueryWarehouseException("Loading " + uri + " into raw.events failed: "
                        + job.failure().getMessage() + " (" + job.failure().getReason() + "); " + job.badRecords()
                        + " bad row(s), the budget is estore.bigquery.max-bad-records=" + maxBadRecords
                        + ". Fix the file (see the errors) or raise the budget, then upload it again");
            }
            Map<String, Object> figures = warehouse.query(RawTablesSql.figures(staging)).get(0);
            List<BigQueryError> errors = job.errors().stream().limit(MAX_RECORDED_ERRORS).toList();
            long rejected = Math.max(job.badRecords(), errors.size()) + LedgerRows.number(figures.get("rule_breaking"));
            LOG.infof("%s: load job read %s into staging: %,d rows, %,d bad row(s)", request.loadId(), uri,
                    job.outputRows(), job.badRecords());
            return retryingAbortedTransactions(request, () -> warehouse.inTransaction(transaction -> {
                transaction.execute(sql.claimLock(), request.loadId());
                Optional<LoadRecord> loaded = completedLoadOf(transaction, object);
                if (loaded.isPresent()) {
                    return new AlreadyLoaded(loaded.get());
                }
                Long replaced = replaceEarlierGenerations(transaction, object);
                String at = LedgerRows.utcText(startedAt);
                recordReaderRejects(transaction, request, errors, at);
                if (LedgerRows.number(figures.get("rule_breaking")) > 0) {
                    transaction.execute(sql.insertRuleRejects(staging), request.loadId(), object.bucket(),
                            object.name(), object.generation(), at);
                }
                transaction.execute(sql.insertEvents(staging), object.bucket(), object.name(), object.generation(),
                        request.loadId(), at);
                LoadRecord record = new LoadRecord(request.loadId(), object, LoadStatus.LOADED,
                        LedgerRows.number(figures.get("rows_loaded")), rejected, (Instant) figures.get("min_event_time"),
                        (Instant) figures.get("max_event_time"), startedAt,
                        Instant.now().truncatedTo(ChronoUnit.MICROS), null);
                insertLedger(transaction, record);
                return new Loaded(record, replaced);
            }));
        } finally {
            try {
                warehouse.executeAtomically(List.of(RawTablesSql.dropStaging(staging)));
            } catch (RuntimeException e) {
                LOG.warnf("Staging table %s of %s was not dropped (it expires within a day): %s", staging,
                        request.loadId(), e.getMessage());
            }
        }
    }

    /**
     * Runs the load's transaction again when BigQuery aborted it for a concurrent one on the same tables ("concurrent
     * update": another object's load got there first) or a rate limit, after a jittered, growing pause: the staging
     * table stays, so the load job is not run again, and the message is not redelivered for a conflict that a
     * second try resolves. Anything else, or the last attempt, fails the load as before.
     */
    private LoadOutcome retryingAbortedTransactions(LoadRequest request,
            java.util.function.Supplier<LoadOutcome> transaction) {
        return abortedTransactionsRetried.get(() -> {
            try {
                return transaction.get();
            } catch (BigQueryWarehouseException e) {
                if (isRetryable(e)) {
                    LOG.infof("%s: the load transaction was aborted (%s); trying again on the same staging table",
                            request.loadId(), e.getMessage());
                }
                throw e;
            }
        }, LoadOutcome.class);
    }

    static boolean isRetryable(BigQueryWarehouseException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("concurrent update") || message.contains("rateLimitExceeded");
    }

    /**
     * Marks the object's earlier loads superseded and removes the rows of an earlier generation; returns that
     * generation, if any. (Concurrent loads were already excluded by {@link RawTablesSql#claimLock()}.)
     */
    private Long replaceEarlierGenerations(Transaction transaction, ObjectRef object) {
        List<Map<String, Object>> previous = transaction.query(sql.loadedGeneration(), object.bucket(),
                object.name());
        transaction.execute(sql.claimObject(), object.bucket(), object.name());
        if (previous.isEmpty()) {
            return null;
        }
        long removed = transaction.execute(sql.deleteEarlierEvents(), object.bucket(), object.name());
        transaction.execute(sql.deleteEarlierRejects(), object.bucket(), object.name());
        long generation = LedgerRows.number(previous.get(0).get("generation"));
        LOG.infof("%s replaces generation %d: %,d raw rows of it removed", object, generation, removed);
        return generation;
    }

    private void recordReaderRejects(Transaction transaction, LoadRequest request, List<BigQueryError> errors,
            String at) {
        if (errors.isEmpty()) {
            return;
        }
        ObjectRef object = request.object();
        List<Object> parameters = new ArrayList<>();
        for (BigQueryError error : errors) {
            parameters.addAll(List.of(request.loadId(), object.bucket(), object.name(), object.generation()));
            parameters.add(lineOf(error));
            parameters.add("LOAD: " + error.getMessage());
            parameters.add(at);
        }
        transaction.execute(sql.insertReaderRejects(errors.size()), parameters.toArray());
    }

    /** The line number when BigQuery's message names one; BigQuery mostly gives byte positions, so often null. */
    static Long lineOf(BigQueryError error) {
        Matcher matcher = LINE.matcher(String.valueOf(error.getMessage()));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : null;
    }

    /** The request's gs:// URI, or the object's (a load job reads the current generation of the object). */
    static String gsUri(LoadRequest request) {
        return request.warehouseUri() != null && request.warehouseUri().startsWith("gs://") ? request.warehouseUri()
                : "gs://" + request.object().bucket() + "/" + request.object().name();
    }

    @Override
    public void recordWithoutRows(LoadRecord record) {
        ensureTables();
        warehouse.inTransaction(transaction -> {
            insertLedger(transaction, record);
            return null;
        });
    }

    @Override
    public Optional<LoadRecord> completedLoadOf(ObjectRef object) {
        ensureTables();
        return LedgerRows.loadRecords(warehouse.query(sql.completedLoad(), object.bucket(), object.name(), object.generation()))
                .stream().findFirst();
    }

    private Optional<LoadRecord> completedLoadOf(Transaction transaction, ObjectRef object) {
        return LedgerRows.loadRecords(transaction.query(sql.completedLoad(), object.bucket(), object.name(), object.generation()))
                .stream().findFirst();
    }

    @Override
    public Optional<LoadRecord> find(String loadId) {
        ensureTables();
        return LedgerRows.loadRecords(warehouse.query(sql.findLoad(), loadId)).stream().findFirst();
    }

    @Override
    public List<LoadRecord> recent(int limit) {
        ensureTables();
        return LedgerRows.loadRecords(warehouse.query(sql.recentLoads(), (long) limit));
    }

    @Override
    public List<RejectedRow> rejects(String loadId, int limit) {
        ensureTables();
        return warehouse.query(sql.rejectsOf(), loadId, (long) limit).stream().map(LedgerRows::rejectedRow)
                .toList();
    }

    private void insertLedger(Transaction transaction, LoadRecord record) {
        transaction.execute(sql.insertLedger(), LedgerRows.ledgerParameters(record));
    }

    private void ensureTables() {
        if (tablesReady) {
            return;
        }
        synchronized (this) {
            if (!tablesReady) {
                warehouse.ensureSchemas(List.of("raw"));
                sql.createTables().forEach(statement -> warehouse.executeAtomically(List.of(statement)));
                tablesReady = true;
            }
        }
    }

}
