package dev.estore.snapshot.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.ports.Warehouse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The last run of each snapshot. Every outcome is also kept in the warehouse (ops.snapshot_runs, one row per
 * snapshot and run, counts as columns and the whole outcome as JSON), so it survives a restart and can be queried
 * with SQL.
 */
@ApplicationScoped
public class SnapshotRunLog {

    static final String SCHEMA = "ops";
    static final String TABLE = "snapshot_runs";
    private static final Logger LOG = Logger.getLogger(SnapshotRunLog.class);

    private final Warehouse warehouse;
    private final Map<String, SnapshotOutcome> last = new HashMap<>();
    private boolean loaded;

    public SnapshotRunLog(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public synchronized void record(SnapshotOutcome outcome) {
        loadOnce();
        last.put(outcome.snapshot(), outcome);
        persist(outcome);
    }

    public synchronized Optional<SnapshotOutcome> last(String snapshot) {
        loadOnce();
        return Optional.ofNullable(last.get(snapshot));
    }

    private void persist(SnapshotOutcome outcome) {
        try {
            String json = MessageCodec.json().writeValueAsString(outcome);
            Changes changes = outcome.changes();
            warehouse.inTransaction(transaction -> transaction.execute("INSERT INTO " + relation()
                    + " (run_id, snapshot, trigger_name, status, run_time, new_keys, reappeared, changed, closed, "
                    + "kept_vanished, unchanged, total_rows, current_rows, error, detail) VALUES (?, ?, ?, ?, "
                    + TimestampLiteral.of(outcome.runTime()).sql() + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    outcome.runId(), outcome.snapshot(), outcome.trigger(), outcome.status().name(),
                    changes.newKeys(), changes.reappeared(), changes.changed(), changes.closed(),
                    changes.keptVanished(), changes.unchanged(), outcome.rows(), outcome.currentRows(),
                    outcome.error(), json));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("The run %s of snapshot %s could not be saved to %s (it stays in memory): %s", outcome.runId(),
                    outcome.snapshot(), relation(), e.getMessage());
        }
    }

    /** Reads the saved runs the first time the log is used (not at startup: the warehouse may open later). */
    private void loadOnce() {
        if (loaded) {
            return;
        }
        loaded = true;
        try {
            warehouse.ensureSchemas(List.of(SCHEMA));
            warehouse.executeAtomically(List.of(createTable()));
            for (Map<String, Object> row : warehouse.query("SELECT snapshot, detail FROM " + relation()
                    + " ORDER BY run_time, run_id")) {
                last.put((String) row.get("snapshot"),
                        MessageCodec.json().readValue((String) row.get("detail"), SnapshotOutcome.class));
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Earlier snapshot runs could not be read from %s; starting without them: %s", relation(),
                    e.getMessage());
        }
    }

    /** The table in the warehouse's own types. */
    String createTable() {
        var dialect = warehouse.dialect();
        String text = dialect.typeOf(Warehouse.ValueKind.TEXT);
        String integer = dialect.typeOf(Warehouse.ValueKind.INTEGER);
        return "CREATE TABLE IF NOT EXISTS " + relation() + " (run_id " + text + ", snapshot " + text
                + ", trigger_name " + text + ", status " + text + ", run_time "
                + dialect.typeOf(Warehouse.ValueKind.TIMESTAMP) + ", new_keys " + integer + ", reappeared " + integer
                + ", changed " + integer + ", closed " + integer + ", kept_vanished " + integer + ", unchanged "
                + integer + ", total_rows " + integer + ", current_rows " + integer + ", error " + text + ", detail "
                + text + ")";
    }

    private String relation() {
        return warehouse.relation(SCHEMA, TABLE);
    }
}
