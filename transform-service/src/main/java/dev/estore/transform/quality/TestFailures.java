package dev.estore.transform.quality;

import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.ports.Warehouse;
import dev.estore.shared.ports.Warehouse.ValueKind;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code ops.test_failures}: one row per failing data test of a run (run, model, test, severity, failing rows and a
 * few of them as JSON), warnings and errors alike, so a failure can be looked at after the run, as dbt's
 * store_failures. Written outside the model's transaction, so a failure that rolled the model back is kept.
 */
public final class TestFailures {

    private static final Logger LOG = Logger.getLogger(TestFailures.class);
    private static final String SCHEMA = "ops";
    private static final String TABLE = "test_failures";

    private final Warehouse warehouse;

    public TestFailures(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Stores the failing results of one model's tests; a store that fails is logged, never fails the build. */
    public void record(String runId, List<TestResult> results) {
        List<TestResult> failing = results.stream().filter(result -> !result.passed()).toList();
        if (failing.isEmpty()) {
            return;
        }
        try {
            warehouse.ensureSchemas(List.of(SCHEMA));
            String text = warehouse.dialect().typeOf(ValueKind.TEXT);
            warehouse.executeAtomically(List.of("CREATE TABLE IF NOT EXISTS " + relation() + " (run_id " + text
                    + ", model " + text + ", test " + text + ", severity " + text + ", failing_rows "
                    + warehouse.dialect().typeOf(ValueKind.INTEGER) + ", sample_rows " + text + ", recorded_at "
                    + warehouse.dialect().typeOf(ValueKind.TIMESTAMP) + ")"));
            warehouse.inTransaction(transaction -> {
                for (TestResult result : failing) {
                    transaction.execute("INSERT INTO " + relation() + " (run_id, model, test, severity, failing_rows, "
                            + "sample_rows, recorded_at) VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)", runId,
                            result.model(), result.test(), result.severity(), result.failingRows(),
                            samplesOf(result));
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warnf("Run %s: the failing tests could not be stored in %s: %s", runId, relation(), e.getMessage());
        }
    }

    private static String samplesOf(TestResult result) {
        try {
            return MessageCodec.json().writeValueAsString(result.sampleRows());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(result.sampleRows());
        }
    }

    private String relation() {
        return warehouse.relation(SCHEMA, TABLE);
    }
}
