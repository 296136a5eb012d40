package dev.estore.shared.contracts;

import java.time.Instant;
import java.util.List;

/** A transform run finished: every selected model built and every data test passed. */
public record ModelsBuilt(
        String runId,
        String trigger,
        List<BuiltModel> models,
        int testsPassed,
        Instant startedAt,
        Instant finishedAt) {

    public record BuiltModel(String name, String relation, String materialization, long rows, long millis) {
    }
}
