package dev.estore.transform.window;

import dev.estore.shared.ports.SqlDialect;
import dev.estore.shared.ports.Warehouse;
import dev.estore.shared.ports.Warehouse.ValueKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Which days each model still has to recompute, kept in the warehouse beside the models:
 * <ul>
 * <li>{@code ops.model_windows (model, event_date)}: the days a model has pending; a NULL day means every day;</li>
 * <li>{@code ops.absorbed_loads (load_id)}: the loads of the ledger ({@code raw.loads}) already turned into
 * pending days;</li>
 * <li>{@code ops.model_folds (model, folded_through)}: the newest day a state-folding model has taken in.</li>
 * </ul>
 * A build first absorbs the new loads: the days each new load covers (and the days of the earlier generations of
 * the same object, whose rows it replaced) become pending for the models that read the source. A model that
 * builds hands its window (plus any extra days it changed) to its children and clears its own, in the same
 * transaction as its publish; a model that fails or is skipped keeps its days for the next build, so a failed
 * or killed build is caught up by the next one and no day is ever dropped.
 */
public final class ChangeLedger {

    private static final Logger LOG = Logger.getLogger(ChangeLedger.class);
    static final String SCHEMA = "ops";
    private static final String LOADED = "status IN ('LOADED', 'SUPERSEDED')";

    private final Warehouse warehouse;
    private final SqlDialect dialect;

    private final String schema;

    public ChangeLedger(Warehouse warehouse) {
        this(warehouse, SCHEMA);
    }

    /** {@code schema}: where the bookkeeping lives; a target other than production keeps its own ({@code ops_dev}). */
    public ChangeLedger(Warehouse warehouse, String schema) {
        this.warehouse = warehouse;
        this.dialect = warehouse.dialect();
        this.schema = schema;
    }

    private String windows() {
        return warehouse.relation(schema, "model_windows");
    }

    private String absorbed() {
        return warehouse.relation(schema, "absorbed_loads");
    }

    private String folds() {
        return warehouse.relation(schema, "model_folds");
    }

    private String loads() {
        return warehouse.relation("raw", "loads");
    }

    /** Once per build (cheap), not cached: the embedded runner can switch warehouse files between builds. */
    private void ensureTables() {
        warehouse.ensureSchemas(List.of(schema));
        String text = dialect.typeOf(ValueKind.TEXT);
        String date = dialect.typeOf(ValueKind.DATE);
        // one statement at a time: BigQuery runs no DDL inside a transaction
        for (String ddl : List.of(
                "CREATE TABLE IF NOT EXISTS " + windows() + " (model " + text + ", event_date " + date + ")",
                "CREATE TABLE IF NOT EXISTS " + absorbed() + " (load_id " + text + ", absorbed_at "
                        + dialect.typeOf(ValueKind.TIMESTAMP) + ")",
                "CREATE TABLE IF NOT EXISTS " + folds() + " (model " + text + ", folded_through " + date + ")")) {
            warehouse.executeAtomically(List.of(ddl));
        }
    }

    /**
     * Creates the bookkeeping tables when missing, then turns the loads not yet absorbed into pending days of the models that read the source, in one transaction.
     * Without a ledger (sources filled by other means) those models rebuild in full every time. Returns the days.
     */
    public ChangedWindow absorbNewLoads(Collection<String> sourceReaders) {
        ensureTables();
        if (!warehouse.relationExists("raw", "loads")) {
            warehouse.inTransaction(transaction -> {
                sourceReaders.forEach(model -> addPending(transaction::execute, model, ChangedWindow.all()));
                return null;
            });
            return ChangedWindow.all();
        }
        return warehouse.inTransaction(transaction -> {
            List<Map<String, Object>> ranges = transaction.query("SELECT DISTINCT "
                    + dialect.toText("CAST(covered.min_event_time AS DATE)") + " AS first_day, "
                    + dialect.toText("CAST(covered.max_event_time AS DATE)") + " AS last_day FROM " + loads()
                    + " AS covered WHERE covered." + LOADED + " AND covered.min_event_time IS NOT NULL AND EXISTS ("
                    + "SELECT 1 FROM " + loads() + " AS fresh WHERE fresh.bucket = covered.bucket AND fresh.object "
                    + "= covered.object AND fresh." + LOADED + " AND fresh." + notAbsorbed() + ")");
            ChangedWindow days = ChangedWindow.coveredBy(ranges);
            if (!days.isEmpty()) {
                for (String model : sourceReaders) {
                    addPending(transaction::execute, model, days);
                }
            }
            long absorbedLoads = transaction.execute("INSERT INTO " + absorbed() + " (load_id, absorbed_at) "
                    + "SELECT load_id, CURRENT_TIMESTAMP FROM " + loads() + " WHERE " + LOADED + " AND " + notAbsorbed());
            if (absorbedLoads > 0 || !days.isEmpty()) {
                LOG.infof("Absorbed %d new load(s) from the ledger: %s to rebuild", absorbedLoads, days);
            }
            return days;
        });
    }

    /**
     * What a build still owes, for the models given: loads not yet absorbed and models with pending days (a load
     * whose message was lost, a build that failed or was cut short); empty when every model is up to date.
     */
    public Optional<String> unbuiltWork(Collection<String> models) {
        ensureTables();
        List<String> owed = new ArrayList<>();
        if (warehouse.relationExists("raw", "loads")) {
            long loads = ((Number) warehouse.query("SELECT count(*) AS n FROM " + loads() + " WHERE " + LOADED
                    + " AND " + notAbsorbed()).get(0).get("n")).longValue();
            if (loads > 0) {
                owed.add(loads + " load(s) not built yet");
            }
        }
        List<String> behind = warehouse.query("SELECT DISTINCT model FROM " + windows() + " ORDER BY model").stream()
                .map(row -> (String) row.get("model")).filter(models::contains).toList();
        if (!behind.isEmpty()) {
            owed.add("models with pending days: " + String.join(", ", behind));
        }
        return owed.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", owed));
    }

    private String notAbsorbed() {
        return "load_id NOT IN (SELECT load_id FROM " + absorbed() + ")";
    }

    /** The days a model has pending. */
    public ChangedWindow pending(String model) {
        List<Map<String, Object>> rows = warehouse.query("SELECT DISTINCT " + dialect.toText("event_date")
                + " AS day FROM " + windows() + " WHERE model = ?", model);
        List<LocalDate> days = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (row.get("day") == null) {
                return ChangedWindow.all();
            }
            days.add(ChangedWindow.day(row.get("day")));
        }
        return ChangedWindow.of(days);
    }

    /** The newest day a folding model has taken in; null when unknown (it then rebuilds in full). */
    public LocalDate foldedThrough(String model) {
        List<Map<String, Object>> rows = warehouse.query("SELECT " + dialect.toText("max(folded_through)")
                + " AS day FROM " + folds() + " WHERE model = ?", model);
        Object value = rows.isEmpty() ? null : rows.get(0).get("day");
        return value == null ? null : ChangedWindow.day(value);
    }

    /**
     * The newest day any loaded file holds: what a full build of a folding model has taken in at most. Read after
     * the build, so a file that landed meanwhile is counted (too late a day only costs a full rebuild later;
     * too early a one would fold that file in twice).
     */
    public LocalDate newestLoadedDay() {
        if (!warehouse.relationExists("raw", "loads")) {
            return null;
        }
        Object value = warehouse.query("SELECT " + dialect.toText("CAST(max(max_event_time) AS DATE)")
                + " AS day FROM " + loads() + " WHERE " + LOADED).get(0).get("day");
        return value == null ? null : ChangedWindow.day(value);
    }

    /**
     * The events of each day the loaded files cover, estimated from the ledger: a file's rows spread evenly over the
     * days from its first event to its last (what sizes the statements of a build written in batches of days).
     * Every row of the source is then on one of these days: a file's rows lie within its recorded range. Empty
     * without a ledger, and when the ledger does not account for every row of raw.events (rows put there by other
     * means could lie on other days, and a full build in batches would leave them out).
     */
    public java.util.NavigableMap<LocalDate, Long> loadedEventsByDay() {
        java.util.TreeMap<LocalDate, Long> events = new java.util.TreeMap<>();
        if (!warehouse.relationExists("raw", "loads")) {
            return events;
        }
        List<Map<String, Object>> files = warehouse.query("SELECT "
                + dialect.toText("CAST(min_event_time AS DATE)") + " AS first_day, "
                + dialect.toText("CAST(max_event_time AS DATE)") + " AS last_day, "
                // a replaced generation's rows are gone, but its days are kept: they may hold the new one's rows
                + "CASE WHEN status = 'LOADED' THEN rows_loaded ELSE 0 END AS event_rows FROM " + loads()
                + " WHERE " + LOADED + " AND min_event_time IS NOT NULL");
        long ledgerRows = 0;
        for (Map<String, Object> file : files) {
            LocalDate first = ChangedWindow.day(file.get("first_day"));
            LocalDate last = ChangedWindow.day(file.get("last_day"));
            long days = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
            long rows = file.get("event_rows") == null ? 0 : ((Number) file.get("event_rows")).longValue();
            long perDay = (rows + days - 1) / days;
            first.datesUntil(last.plusDays(1)).forEach(day -> events.merge(day, perDay, Long::sum));
            ledgerRows += rows;
        }
        long sourceRows = ((Number) warehouse.query("SELECT count(*) AS n FROM "
                + warehouse.relation("raw", "events")).get(0).get("n")).longValue();
        if (sourceRows != ledgerRows) {
            LOG.infof("raw.events holds %,d rows, the ledger's loaded files %,d: its days are not known, so no "
                    + "model is written in batches of days", sourceRows, ledgerRows);
            return new java.util.TreeMap<>();
        }
        return events;
    }

    /**
     * The bookkeeping of a built model, to take effect with its publish: its pending days are cleared, its children
     * get the days it changed, and a folding model records how far it has folded.
     */
    public void recordBuilt(StatementSink sink, String model, Collection<String> children, ChangedWindow changed,
            LocalDate foldedThrough) {
        sink.execute("DELETE FROM " + windows() + " WHERE model = ?", model);
        if (!changed.isEmpty()) {
            children.forEach(child -> addPending(sink, child, changed));
        }
        if (foldedThrough != null) {
            sink.execute("DELETE FROM " + folds() + " WHERE model = ?", model);
            sink.execute("INSERT INTO " + folds() + " (model, folded_through) VALUES (?, "
                    + dialect.dateLiteral(foldedThrough.toString()) + ")", model);
        }
    }

    /**
     * Before a folding model's publish: it no longer says how far it has folded, until {@link #recordBuilt} says it
     * again. Where the publish cannot share a transaction with the bookkeeping (BigQuery), a crash between them
     * then leaves no fold mark, and the next build rebuilds the model in full, where the old mark would have folded
     * the same days in a second time.
     */
    public void forgetFold(StatementSink sink, String model) {
        sink.execute("DELETE FROM " + folds() + " WHERE model = ?", model);
    }

    private void addPending(StatementSink sink, String model, ChangedWindow days) {
        if (days.isAll()) {
            sink.execute("INSERT INTO " + windows() + " (model, event_date) VALUES (?, NULL)", model);
            return;
        }
        List<LocalDate> list = new ArrayList<>(days.dates());
        for (int from = 0; from < list.size(); from += 500) {
            String values = list.subList(from, Math.min(list.size(), from + 500)).stream()
                    .map(day -> "(" + literal(model) + ", " + dialect.dateLiteral(day.toString()) + ")")
                    .collect(Collectors.joining(", "));
            sink.execute("INSERT INTO " + windows() + " (model, event_date) VALUES " + values);
        }
    }

    /**
     * A backfill: the days from {@code first} to {@code last} become pending for each of the models, so their next
     * build rewrites those days (and a folding model that already took them in recomputes, as for a late file).
     */
    public void markPending(Collection<String> models, LocalDate first, LocalDate last) {
        ensureTables();
        List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
        warehouse.inTransaction(transaction -> {
            models.forEach(model -> addPending(transaction::execute, model, ChangedWindow.of(days)));
            return null;
        });
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Where bookkeeping statements go (a transaction, or statements to run with a publish). */
    @FunctionalInterface
    public interface StatementSink {
        void execute(String sql, Object... parameters);
    }
}
