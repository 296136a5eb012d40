package dev.estore.transform.project;

import java.util.List;
import java.util.Set;

/**
 * One model: its SQL template and the metadata written beside it. {@code upstream} holds the models its SQL
 * refers to with {@code ref(...)}, read from the SQL itself.
 */
public record ModelDefinition(
        String name,
        String schema,
        String path,
        String sql,
        String description,
        Materialization materialization,
        IncrementalStrategy incrementalStrategy,
        List<String> uniqueKey,
        PartitionSpec partitionBy,
        List<String> clusterBy,
        List<ColumnSpec> columns,
        List<DataTestSpec> tests,
        List<ReportSpec> reports,
        Set<String> upstream) {

    /** Every data test of the model: column tests in column order, then model tests. */
    public List<DataTestSpec> allTests() {
        return java.util.stream.Stream.concat(columns.stream().flatMap(column -> column.tests().stream()),
                tests.stream()).toList();
    }
}
