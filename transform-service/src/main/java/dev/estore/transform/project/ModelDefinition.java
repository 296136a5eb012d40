package dev.estore.transform.project;

import java.util.List;
import java.util.Set;

/**
 * One model: its SQL template and the metadata written beside it. {@code upstream} holds the models its SQL
 * refers to with {@code ref(...)}, read from the SQL itself; {@code readsSources} whether it reads a loaded
 * source. {@code windowColumn} is the DATE column that places a row on a day (the partition column of an
 * insert_overwrite model, or {@code window_column:}): an incremental build tests only the rows on the days it
 * changed. {@code postHooks}: dbt's {@code post_hook}, statements run on the model's new relation ({@code {{ this }}})
 * after it is written and before its tests, in the same transaction. {@code sortOnWrite} ({@code sort_on_write:},
 * true unless set): whether an engine without clustering (DuckDB) sorts each write by the partition and cluster
 * columns; false where the rows already come in that order.
 */
public record ModelDefinition(
        String name,
        String schema,
        String path,
        String sql,
        String description,
        Materialization materialization,
        IncrementalConfig incremental,
        List<String> uniqueKey,
        PartitionSpec partitionBy,
        List<String> clusterBy,
        List<ColumnSpec> columns,
        List<DataTestSpec> tests,
        List<ReportSpec> reports,
        Set<String> upstream,
        boolean readsSources,
        String windowColumn,
        StatusChange statusChange,
        List<String> postHooks,
        List<String> tags,
        boolean sortOnWrite) {

    public ModelDefinition {
        postHooks = List.copyOf(postHooks);
        tags = List.copyOf(tags);
    }

    /** The partition column; null when the model is not partitioned. */
    public String partitionField() {
        return partitionBy == null ? null : partitionBy.field();
    }

    /** The incremental strategy; null unless the model is incremental. */
    public IncrementalStrategy incrementalStrategy() {
        return incremental == null ? null : incremental.strategy();
    }

    /** Every data test of the model: column tests in column order, then model tests. */
    public List<DataTestSpec> allTests() {
        return java.util.stream.Stream.concat(columns.stream().flatMap(column -> column.tests().stream()),
                tests.stream()).toList();
    }
}
