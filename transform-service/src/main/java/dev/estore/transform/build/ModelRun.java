package dev.estore.transform.build;

import dev.estore.shared.ports.WarehouseReads;
import dev.estore.transform.quality.TestResult;
import java.util.List;
import java.util.Map;

/** What happened to one model in a run. */
public record ModelRun(
        String model,
        String relation,
        String materialization,
        Status status,
        String mode,
        /** Rows of the built table; -1 for a view, whose count would read everything it selects. */
        long rows,
        long millis,
        long testMillis,
        String error,
        List<TestResult> tests,
        Map<String, List<Map<String, Object>>> reports,
        /** What the build read from the warehouse, tests included: rows scanned (DuckDB), bytes (null if unknown). */
        WarehouseReads reads) {

    public enum Status {
        BUILT, FAILED, SKIPPED
    }

    static ModelRun skipped(String model, String relation, String materialization, String why) {
        return new ModelRun(model, relation, materialization, Status.SKIPPED, null, 0, 0, 0, why, List.of(),
                Map.of(), null);
    }
}
