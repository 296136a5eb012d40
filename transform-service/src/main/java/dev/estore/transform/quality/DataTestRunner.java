package dev.estore.transform.quality;

import dev.estore.shared.ports.Warehouse.Transaction;
import dev.estore.transform.project.DataTestSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Runs a model's data tests inside the transaction that built it, so a failing test can still roll the model
 * back. All row-level tests (not_null, accepted_values, non_negative, expression) share a single scan; sample
 * rows are fetched only for tests that fail.
 */
public final class DataTestRunner {

    static final int SAMPLE_ROWS = 5;

    private DataTestRunner() {
    }

    public static List<TestResult> run(Transaction transaction, String model, String relation,
            List<DataTestSpec> tests, UnaryOperator<String> relationOf) {
        return run(transaction, model, relation, List.of(), tests, relationOf, relationOf);
    }

    /**
     * As {@link #run(Transaction, String, String, List, UnaryOperator)}, with {@code daySlices}: the relation's
     * rows split by day into relations that together hold every row (or none: not split). A unique test then
     * groups each slice on its own, in one statement, for a model whose equal keys share a day (the caller's
     * judgement: an insert_overwrite model by day, whose incremental tests already rest on it): many small
     * groupings fit in memory where one over a month of events spills (fct_events' event_id over 58.7M rows:
     * 8.8 s instead of 25.1 s). {@code testedRowsOf}: the rows of each model a singular test's tested_rows() reads
     * (its changed rows after an incremental build).
     */
    public static List<TestResult> run(Transaction transaction, String model, String relation,
            List<String> daySlices, List<DataTestSpec> tests, UnaryOperator<String> relationOf,
            UnaryOperator<String> testedRowsOf) {
        // a test's where (dbt's config) narrows the rows it checks: tests sharing one are counted together
        Map<String, List<DataTestSpec>> byWhere = new java.util.LinkedHashMap<>();
        tests.forEach(test -> byWhere.computeIfAbsent(whereOf(test), where -> new ArrayList<>()).add(test));
        List<TestResult> results = new ArrayList<>();
        byWhere.forEach((where, group) -> results.addAll(runOn(transaction, model, narrowed(relation, where),
                daySlices.stream().map(slice -> narrowed(slice, where)).toList(), group, relationOf, testedRowsOf)));
        return results;
    }

    private static String narrowed(String relation, String where) {
        return where.isEmpty() ? relation : "(SELECT * FROM " + relation + " WHERE " + where + ")";
    }

    private static String whereOf(DataTestSpec test) {
        return test.config() == null || test.config().where() == null ? "" : test.config().where();
    }

    private static List<TestResult> runOn(Transaction transaction, String model, String relation,
            List<String> daySlices, List<DataTestSpec> tests, UnaryOperator<String> relationOf,
            UnaryOperator<String> testedRowsOf) {
        List<TestResult> results = new ArrayList<>();
        List<DataTestSpec> rowLevel = tests.stream().filter(DataTestSql::isRowLevel).toList();
        if (!rowLevel.isEmpty()) {
            Map<String, Object> counts = transaction.query(batchedCount(rowLevel, relation)).get(0);
            for (int i = 0; i < rowLevel.size(); i++) {
                long failing = count(counts.get("t" + i));
                results.add(result(transaction, model, rowLevel.get(i), failing,
                        DataTestSql.failingRows(rowLevel.get(i), relation, relationOf)));
            }
        }
        for (DataTestSpec test : tests) {
            if (!DataTestSql.isRowLevel(test)) {
                String failingRows = test.kind() == DataTestSpec.Kind.UNIQUE && !daySlices.isEmpty()
                        ? daySlices.stream().map(slice -> DataTestSql.failingRows(test, slice, relationOf))
                                .collect(java.util.stream.Collectors.joining("\nUNION ALL\n"))
                        : DataTestSql.failingRows(test, relation, relationOf, testedRowsOf);
                long failing = count(transaction.query(countOf(failingRows)).get(0).get("failures"));
                results.add(result(transaction, model, test, failing, failingRows));
            }
        }
        return results;
    }

    private static TestResult result(Transaction transaction, String model, DataTestSpec test, long failing,
            String failingRows) {
        List<Map<String, Object>> samples = failing == 0 ? List.of()
                : transaction.query("SELECT * FROM (" + failingRows + ") AS failing LIMIT " + SAMPLE_ROWS);
        DataTestSpec.Severity outcome = test.outcome(failing);
        DataTestSpec.Severity declared = test.severity() == null ? DataTestSpec.Severity.ERROR : test.severity();
        return new TestResult(test.describe(model), model, test.column(), outcome == null, failing, samples,
                (outcome == null ? declared : outcome).name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The counting queries {@link #run} sends for these tests, in order (for the benchmark's baseline). */
    public static List<String> countQueries(String relation, List<DataTestSpec> tests,
            UnaryOperator<String> relationOf) {
        List<String> queries = new ArrayList<>();
        List<DataTestSpec> rowLevel = tests.stream().filter(DataTestSql::isRowLevel).toList();
        if (!rowLevel.isEmpty()) {
            queries.add(batchedCount(rowLevel, relation));
        }
        tests.stream().filter(test -> !DataTestSql.isRowLevel(test))
                .forEach(test -> queries.add(failureCount(test, relation, relationOf)));
        return queries;
    }

    private static String failureCount(DataTestSpec test, String relation, UnaryOperator<String> relationOf) {
        return countOf(DataTestSql.failingRows(test, relation, relationOf));
    }

    private static String countOf(String failingRows) {
        return "SELECT count(*) AS failures FROM (" + failingRows + ") AS failing";
    }

    private static String batchedCount(List<DataTestSpec> tests, String relation) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < tests.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("coalesce(sum(CASE WHEN ")
                    .append(DataTestSql.failingCondition(tests.get(i))).append(" THEN 1 ELSE 0 END), 0) AS t")
                    .append(i);
        }
        return sql.append(" FROM ").append(relation).toString();
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
