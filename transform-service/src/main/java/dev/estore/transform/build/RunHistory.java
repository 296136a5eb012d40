package dev.estore.transform.build;

import dev.estore.transform.TransformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The recent runs, newest first, including the queued and the running one. */
@ApplicationScoped
public class RunHistory {

    private final int capacity;
    private final Deque<RunRecord> runs = new ArrayDeque<>();

    public RunHistory(TransformConfig config) {
        this.capacity = config.historySize();
    }

    public synchronized void put(RunRecord run) {
        runs.removeIf(existing -> existing.runId().equals(run.runId()));
        runs.addFirst(run);
        while (runs.size() > capacity) {
            runs.removeLast();
        }
    }

    public synchronized List<RunRecord> recent() {
        return new ArrayList<>(runs);
    }

    public synchronized Optional<RunRecord> find(String runId) {
        return runs.stream().filter(run -> run.runId().equals(runId)).findFirst();
    }
}
