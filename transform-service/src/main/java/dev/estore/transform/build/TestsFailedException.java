package dev.estore.transform.build;

import dev.estore.transform.quality.TestResult;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown inside a model's transaction when a data test fails, so the model's previous relation is kept. */
final class TestsFailedException extends RuntimeException {

    private final transient List<TestResult> results;

    TestsFailedException(String model, List<TestResult> results) {
        super("data tests failed on " + model + ": " + results.stream().filter(TestResult::blocks)
                .map(TestResult::summary).collect(Collectors.joining("; ")));
        this.results = results;
    }

    List<TestResult> results() {
        return results;
    }
}
