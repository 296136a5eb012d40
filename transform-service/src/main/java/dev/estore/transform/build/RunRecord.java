package dev.estore.transform.build;

import dev.estore.transform.quality.TestResult;
import java.time.Instant;
import java.util.List;

/** One build run: what was asked, what each model did, and the test results. */
public record RunRecord(
        String runId,
        List<String> triggers,
        List<String> select,
        boolean fullRefresh,
        Status status,
        Instant startedAt,
        Instant finishedAt,
        List<ModelRun> models,
        String error) {

    /**
     * INTERRUPTED: the process stopped (killed, crashed, shut down) while the run was queued or running; found so
     * at the next start, which builds again.
     */
    public enum Status {
        QUEUED, RUNNING, SUCCESS, FAILED, INTERRUPTED,
        /** Taken back while queued ({@code DELETE /runs/{id}}): nothing was built; its days stay pending. */
        CANCELLED;

        public boolean finished() {
            return this == SUCCESS || this == FAILED || this == INTERRUPTED || this == CANCELLED;
        }
    }

    public long testsPassed() {
        return tests().stream().filter(TestResult::passed).count();
    }

    public List<TestResult> tests() {
        return models.stream().flatMap(model -> model.tests().stream()).toList();
    }

    public List<TestResult> failedTests() {
        return tests().stream().filter(test -> !test.passed()).toList();
    }
}
