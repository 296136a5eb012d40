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

    public enum Status {
        QUEUED, RUNNING, SUCCESS, FAILED
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
