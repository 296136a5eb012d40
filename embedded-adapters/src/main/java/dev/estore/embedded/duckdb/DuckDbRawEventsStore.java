package dev.estore.embedded.duckdb;

import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.loading.LedgerRows;
import dev.estore.shared.ports.RawEventsStore;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.jboss.logging.Logger;

/**
 * raw.events, raw.load_rejects and the raw.loads ledger in DuckDB. Each load is one transaction, so a load that
 * fails midway leaves nothing behind and the ledger can never disagree with the rows.
 */
@DefaultBean
@ApplicationScoped
public class DuckDbRawEventsStore implements RawEventsStore {

    private static final Logger LOG = Logger.getLogger(DuckDbRawEventsStore.class);

    private final DuckDbDatabase database;
    private volatile boolean tablesReady;

    public DuckDbRawEventsStore(DuckDbDatabase database) {
        this.database = database;
    }

    @Override
    public LoadOutcome load(LoadRequest request) {
        ensureTables();
        ObjectRef object = request.object();
        Instant startedAt = Instant.now();
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                Optional<LoadRecord> existing = completedLoadOf(connection, object);
                if (existing.isPresent()) {
                    connection.rollback();
                    return new AlreadyLoaded(existing.get());
                }
                StepTimer steps = new StepTimer();
                Long replaced = replaceEarlierGenerations(connection, object);
                steps.lap("replace");
                boolean hasRows = insertRows(connection, request, startedAt);
                steps.lap("read_csv");
                Map<String, Object> figures = queryOne(connection, RawEventsSql.LOAD_FIGURES, request.loadId());
                if (hasRows) {
                    moveRejects(connection, request, LedgerRows.number(figures.get("rule_breaking")) > 0, startedAt);
                    if (LedgerRows.number(figures.get("rule_breaking")) > 0) {
                        figures = queryOne(connection, RawEventsSql.LOAD_FIGURES, request.loadId());
                    }
                }
                steps.lap("rejects");
                LoadRecord record = ledgerEntry(connection, request, figures, startedAt);
                insertLedger(connection, record);
                steps.lap("ledger");
                connection.commit();
                steps.lap("commit");
                LOG.debugf("%s steps: %s", request.loadId(), steps);
                return new Loaded(record, replaced);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new WarehouseException("Loading " + object + " into raw.events failed: " + e.getMessage(), e);
        }
    }

    /** Removes the rows of earlier generations of the object; returns the replaced generation, if any. */
    private Long replaceEarlierGenerations(Connection connection, ObjectRef object) throws SQLException {
        List<Map<String, Object>> previous = queryAll(connection, RawEventsSql.LOADED_GENERATION, object.bucket(),
                object.name());
        if (previous.isEmpty()) {
            return null;
        }
        int removed = update(connection, RawEventsSql.DELETE_EARLIER_EVENTS, object.bucket(), object.name());
        update(connection, RawEventsSql.DELETE_EARLIER_REJECTS, object.bucket(), object.name());
        update(connection, RawEventsSql.SUPERSEDE_EARLIER_LOADS, object.bucket(), object.name());
        long generation = LedgerRows.number(previous.get(0).get("generation"));
        LOG.infof("%s replaces generation %d: %,d raw rows of it removed", object, generation, removed);
        return generation;
    }

    /** Inserts the parseable rows; false when the file is empty (zero bytes: DuckDB cannot read a header). */
    private boolean insertRows(Connection connection, LoadRequest request, Instant loadedAt) throws SQLException {
        if (isEmptyFile(request)) {
            return false;
        }
        ObjectRef object = request.object();
        try (PreparedStatement statement = connection.prepareStatement(
                RawEventsSql.insertFromCsv(RawEventsSql.literalPath(request.warehouseUri())))) {
            bind(statement, object.bucket(), object.name(), object.generation(), request.loadId(),
                    LedgerRows.utcText(loadedAt));
            try (LoadProgress progress = LoadProgress.watch(statement, object)) {
                statement.executeUpdate();
            }
        }
        return true;
    }

    /** Zero bytes, or a gzip file holding zero bytes: DuckDB cannot read a header from either. */
    private static boolean isEmptyFile(LoadRequest request) {
        try {
            if (Files.size(Path.of(request.warehouseUri())) == 0) {
                return true;
            }
            if (!request.gzip()) {
                return false;
            }
            try (InputStream in = open(request)) {
                return in.read() == -1;
            }
        } catch (IOException e) {
            return false; // let DuckDB report the unreadable file with its own message
        }
    }

    /**
     * Moves the reader's rejects into raw.load_rejects and, when the figures found rows breaking a rule the reader
     * cannot check, those rows too (out of raw.events).
     */
    private void moveRejects(Connection connection, LoadRequest request, boolean ruleBreaking, Instant at)
            throws SQLException {
        ObjectRef object = request.object();
        boolean readerRejects = readerRejectsExist(connection);
        if (readerRejects) {
            update(connection, RawEventsSql.COPY_READER_REJECTS, request.loadId(), object.bucket(), object.name(),
                    object.generation(), LedgerRows.utcText(at));
        }
        if (ruleBreaking) {
            update(connection, RawEventsSql.findRuleRejects(readerRejects), request.loadId(), request.loadId());
            update(connection, RawEventsSql.COPY_RULE_REJECTS, request.loadId(), object.bucket(), object.name(),
                    object.generation(), LedgerRows.utcText(at));
            update(connection, RawEventsSql.DELETE_RULE_REJECTS);
        }
        if (readerRejects || ruleBreaking) {
            renumberToPhysicalLines(connection, request);
        }
    }

    /**
     * Rejects are numbered by record; a quoted field holding a newline makes later records start on a later
     * physical line. Only a load with rejects pays for this pass, and only up to its last reject.
     */
    private void renumberToPhysicalLines(Connection connection, LoadRequest request) throws SQLException {
        SortedSet<Long> records = new TreeSet<>();
        queryAll(connection, RawEventsSql.REJECTED_RECORDS, request.loadId())
                .forEach(row -> records.add(LedgerRows.number(row.get("line"))));
        Map<Long, Long> physical;
        try (InputStream file = open(request)) {
            physical = RecordStartLines.of(file, records);
        } catch (IOException e) {
            LOG.warnf("%s: rejected rows keep their record numbers (the file could not be read again: %s)",
                    request.object(), e.getMessage());
            return;
        }
        if (physical.isEmpty()) {
            return;
        }
        update(connection, RawEventsSql.CREATE_LINE_MAP);
        try (PreparedStatement insert = connection.prepareStatement(RawEventsSql.INSERT_LINE_MAP)) {
            for (Map.Entry<Long, Long> entry : physical.entrySet()) {
                insert.setLong(1, entry.getKey());
                insert.setLong(2, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        update(connection, RawEventsSql.RENUMBER_REJECTS, request.loadId());
        update(connection, RawEventsSql.DROP_LINE_MAP);
    }

    private static InputStream open(LoadRequest request) throws IOException {
        InputStream file = new BufferedInputStream(Files.newInputStream(Path.of(request.warehouseUri())), 1 << 16);
        return request.gzip() ? new GZIPInputStream(file, 1 << 16) : file;
    }

    private boolean readerRejectsExist(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(RawEventsSql.READER_REJECTS_EXIST)) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    private LoadRecord ledgerEntry(Connection connection, LoadRequest request, Map<String, Object> figures,
            Instant startedAt) throws SQLException {
        String id = request.loadId();
        long rejected = LedgerRows.number(queryOne(connection, RawEventsSql.REJECT_COUNT, id).get("rows_rejected"));
        return new LoadRecord(id, request.object(), LoadStatus.LOADED, LedgerRows.number(figures.get("rows_loaded")),
                rejected, (Instant) figures.get("min_event_time"),
                (Instant) figures.get("max_event_time"), startedAt.truncatedTo(ChronoUnit.MICROS),
                Instant.now().truncatedTo(ChronoUnit.MICROS), null);
    }

    @Override
    public void recordWithoutRows(LoadRecord record) {
        ensureTables();
        try (Connection connection = database.connect()) {
            insertLedger(connection, record);
        } catch (SQLException e) {
            throw new WarehouseException("Recording load " + record.loadId() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LoadRecord> completedLoadOf(ObjectRef object) {
        ensureTables();
        try (Connection connection = database.connect()) {
            return completedLoadOf(connection, object);
        } catch (SQLException e) {
            throw new WarehouseException(e.getMessage(), e);
        }
    }

    private Optional<LoadRecord> completedLoadOf(Connection connection, ObjectRef object) throws SQLException {
        return queryLedger(connection, RawEventsSql.COMPLETED_LOAD, object.bucket(), object.name(),
                object.generation()).stream().findFirst();
    }

    @Override
    public Optional<LoadRecord> find(String loadId) {
        return ledger("SELECT * FROM raw.loads WHERE load_id = ?", loadId).stream().findFirst();
    }

    @Override
    public List<LoadRecord> recent(int limit) {
        return ledger("SELECT * FROM raw.loads ORDER BY started_at DESC, load_id LIMIT ?", limit);
    }

    @Override
    public List<RejectedRow> rejects(String loadId, int limit) {
        ensureTables();
        try (Connection connection = database.connect()) {
            return queryAll(connection, "SELECT * FROM raw.load_rejects WHERE load_id = ? ORDER BY line LIMIT ?",
                    loadId, limit).stream().map(LedgerRows::rejectedRow).toList();
        } catch (SQLException e) {
            throw new WarehouseException(e.getMessage(), e);
        }
    }

    private List<LoadRecord> ledger(String sql, Object... parameters) {
        ensureTables();
        try (Connection connection = database.connect()) {
            return queryLedger(connection, sql, parameters);
        } catch (SQLException e) {
            throw new WarehouseException(e.getMessage(), e);
        }
    }

    private static List<LoadRecord> queryLedger(Connection connection, String sql, Object... parameters)
            throws SQLException {
        return LedgerRows.loadRecords(queryAll(connection, sql, parameters));
    }

    private static void insertLedger(Connection connection, LoadRecord record) throws SQLException {
        update(connection, RawEventsSql.INSERT_LEDGER, LedgerRows.ledgerParameters(record));
    }

    private void ensureTables() {
        if (tablesReady) {
            return;
        }
        synchronized (this) {
            if (tablesReady) {
                return;
            }
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                for (String sql : RawEventsSql.CREATE_TABLES) {
                    statement.execute(sql);
                }
            } catch (SQLException e) {
                throw new WarehouseException("Creating the raw tables failed: " + e.getMessage(), e);
            }
            tablesReady = true;
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    private static Map<String, Object> queryOne(Connection connection, String sql, Object... parameters)
            throws SQLException {
        return queryAll(connection, sql, parameters).get(0);
    }

    private static List<Map<String, Object>> queryAll(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return Rows.toMaps(rows);
            }
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

}
