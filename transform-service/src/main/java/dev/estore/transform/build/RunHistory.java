package dev.estore.transform.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.TransformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The recent runs, newest first, including the queued and the running one. Every run is also kept in the
 * warehouse (ops.transform_runs, one JSON document per run) from the moment it is queued, so a requested build is
 * on record before its trigger is acknowledged, and the history survives a restart and can be queried with SQL.
 * A run still queued or running in the warehouse when this process first reads it was cut short by the end of
 * an earlier process: it is marked INTERRUPTED.
 */
@ApplicationScoped
public class RunHistory {

    static final String SCHEMA = "ops";
    static final String TABLE = "transform_runs";
    private static final Logger LOG = Logger.getLogger(RunHistory.class);

    private final int capacity;
    private final Warehouse warehouse;
    private final Deque<RunRecord> runs = new ArrayDeque<>();
    private boolean loaded;

    public RunHistory(TransformConfig config, Warehouse warehouse) {
        this.capacity = config.historySize();
        this.warehouse = warehouse;
    }

    public synchronized void put(RunRecord run) {
        loadOnce();
        runs.removeIf(existing -> existing.runId().equals(run.runId()));
        runs.addFirst(run);
        while (runs.size() > capacity) {
            runs.removeLast();
        }
        persist(run);
    }

    /**
     * A running build's record with the models finished so far, in memory only: GET /runs/{id} follows it, and
     * the warehouse is written once, when the run ends ({@link #put}).
     */
    public synchronized void progress(RunRecord running) {
        loadOnce();
        runs.removeIf(existing -> existing.runId().equals(running.runId()));
        runs.addFirst(running);
    }

    /** The newest run that finished (succeeded, failed or was interrupted). */
    public synchronized Optional<RunRecord> lastFinished() {
        loadOnce();
        return runs.stream().filter(run -> run.status().finished()).findFirst();
    }

    public synchronized List<RunRecord> recent() {
        loadOnce();
        return new ArrayList<>(runs);
    }

    public synchronized Optional<RunRecord> find(String runId) {
        loadOnce();
        return runs.stream().filter(run -> run.runId().equals(runId)).findFirst();
    }

    private void persist(RunRecord run) {
        try {
            String json = MessageCodec.json().writeValueAsString(run);
            warehouse.inTransaction(transaction -> {
                transaction.execute("DELETE FROM " + relation() + " WHERE run_id = ?", run.runId());
                transaction.execute("INSERT INTO " + relation() + " (run_id, status, started_at, finished_at, detail) "
                        + "VALUES (?, ?, ?, ?, ?)", run.runId(), run.status().name(), String.valueOf(run.startedAt()),
                        String.valueOf(run.finishedAt()), json);
                return null;
            });
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Run %s could not be saved to %s (it stays in memory): %s", run.runId(), relation(),
                    e.getMessage());
        }
    }

    /** Reads the saved runs the first time the history is used (not at startup: the warehouse may open later). */
    private void loadOnce() {
        if (loaded) {
            return;
        }
        loaded = true;
        try {
            warehouse.ensureSchemas(List.of(SCHEMA));
            String text = warehouse.dialect().typeOf(Warehouse.ValueKind.TEXT);
            warehouse.executeAtomically(List.of("CREATE TABLE IF NOT EXISTS " + relation() + " (run_id " + text
                    + ", status " + text + ", started_at " + text + ", finished_at " + text + ", detail " + text
                    + ")"));
            // run ids start with the UTC second they were queued in
            for (Map<String, Object> row : warehouse.query("SELECT detail FROM " + relation()
                    + " ORDER BY run_id DESC LIMIT " + capacity)) {
                runs.addLast(MessageCodec.json().readValue((String) row.get("detail"), RunRecord.class));
            }
            markInterrupted();
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Earlier runs could not be read from %s; starting with an empty history: %s", relation(),
                    e.getMessage());
        }
    }

    /** Runs an earlier process left queued or running never finished: it stopped first. */
    private void markInterrupted() {
        Map<String, RunRecord> cut = runs.stream().filter(run -> !run.status().finished())
                .collect(Collectors.toMap(RunRecord::runId, RunHistory::interrupted));
        List<RunRecord> marked = runs.stream().map(run -> cut.getOrDefault(run.runId(), run)).toList();
        runs.clear();
        runs.addAll(marked);
        cut.values().forEach(this::persist);
    }

    private static RunRecord interrupted(RunRecord run) {
        LOG.warnf("Run %s was %s when an earlier process stopped: marked interrupted", run.runId(),
                run.status().name().toLowerCase());
        return new RunRecord(run.runId(), run.triggers(), run.select(), run.fullRefresh(),
                RunRecord.Status.INTERRUPTED, run.startedAt(), Instant.now(), run.models(),
                "interrupted: the process stopped while this build was " + run.status().name().toLowerCase()
                        + " (killed, crashed or shut down); models it published stay, the others keep their pending "
                        + "days, and the next start builds again");
    }

    private String relation() {
        return warehouse.relation(SCHEMA, TABLE);
    }
}
