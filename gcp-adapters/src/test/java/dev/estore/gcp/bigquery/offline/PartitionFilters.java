package dev.estore.gcp.bigquery.offline;

import com.google.zetasql.resolvedast.ResolvedColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAggregateFunctionCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAggregateScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedCast;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedColumnRef;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedDeleteStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedExpr;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedFilterScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedFunctionCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedJoinScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedLiteral;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedMergeStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedParameter;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedCreateTableStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedCreateViewStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedInsertStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedTableScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedUpdateStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.Visitor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which partitioned tables a statement reads without a filter on their partition column against a constant: on
 * BigQuery such a read scans (and bills) every partition. Not reads: an INSERT's target, a COPY's source (copies
 * bill no bytes), a view's definition, count(*) of a whole table (answered from metadata). Found on ZetaSQL's
 * resolved statement, not its text: every table scan of a partitioned table, and every condition of the statement (WHERE of a query, a DELETE or an
 * UPDATE, a join's ON, a MERGE's ON); a scan counts as filtered when some condition requires its partition column
 * to compare with a constant ({@code =}, {@code <}, {@code BETWEEN}, {@code IN (...)}, in every branch of an OR).
 */
public final class PartitionFilters {

    private static final Set<String> COMPARISONS = Set.of("$equal", "$less", "$less_or_equal", "$greater",
            "$greater_or_equal", "$between", "$in");

    private PartitionFilters() {
    }

    /**
     * The partitioned tables the statement reads unfiltered. {@code partitionColumns}: a table's last name (an
     * {@code __audit} copy counts as its table) and its partition column.
     */
    public static List<String> unfiltered(ResolvedStatement statement, Map<String, String> partitionColumns) {
        return unfiltered(statement, partitionColumns, Set.of());
    }

    /**
     * As {@link #unfiltered(ResolvedStatement, Map)}, not counting reads of {@code bounded} relations (full names):
     * tables that hold only some partitions of their model, put there by a statement that was itself filtered.
     */
    public static List<String> unfiltered(ResolvedStatement statement, Map<String, String> partitionColumns,
            Set<String> bounded) {
        Collector collector = new Collector(partitionColumns, bounded);
        statement.accept(collector);
        List<String> unfiltered = new ArrayList<>();
        collector.scans.forEach((table, scan) -> {
            ResolvedColumn partition = collector.partitionColumnOf.get(table);
            if (!collector.notReads.contains(scan)
                    && (partition == null || !collector.constrained.contains(partition.getId()))) {
                unfiltered.add(table.substring(0, table.indexOf('#')));
            }
        });
        return unfiltered;
    }

    private static final class Collector extends Visitor {

        private final Map<String, String> partitionColumns;
        private final Map<String, ResolvedTableScan> scans = new java.util.LinkedHashMap<>();
        private final Map<String, ResolvedColumn> partitionColumnOf = new java.util.HashMap<>();
        private final Set<Long> constrained = new HashSet<>();


        private final Set<String> bounded;

        Collector(Map<String, String> partitionColumns, Set<String> bounded) {
            this.partitionColumns = partitionColumns;
            this.bounded = bounded;
        }

        /** Scans that are not reads: an INSERT's target, a COPY's source (a copy bills no bytes), count(*). */
        private final Set<ResolvedScan> notReads =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        @Override
        public void visit(ResolvedInsertStmt insert) {
            notReads.add(insert.getTableScan());
            super.visit(insert);
        }

        @Override
        public void visit(ResolvedCreateTableStmt create) {
            notReads.add(create.getCopyFrom());
            super.visit(create);
        }

        @Override
        public void visit(ResolvedCreateViewStmt view) {
            // a view's definition reads nothing when it is created
        }

        @Override
        public void visit(ResolvedTableScan scan) {
            String name = scan.getTable().getName();
            String table = name.substring(name.lastIndexOf('.') + 1).replaceFirst("__audit$", "");
            String partition = partitionColumns.get(table);
            if (partition != null && !bounded.contains(name)) {
                ResolvedColumn column = scan.getColumnList().stream()
                        .filter(candidate -> candidate.getName().equals(partition)).findFirst().orElse(null);
                // one entry per scan: the same table read twice is two reads
                String key = table + "#" + scans.size();
                scans.put(key, scan);
                partitionColumnOf.put(key, column);
            }
            super.visit(scan);
        }

        @Override
        public void visit(ResolvedAggregateScan aggregate) {
            // count(*) of a whole table is answered from metadata: 0 bytes
            boolean countsRows = aggregate.getGroupByList().isEmpty() && !aggregate.getAggregateList().isEmpty()
                    && aggregate.getAggregateList().stream().allMatch(column -> column.getExpr()
                            instanceof ResolvedAggregateFunctionCall call
                            && call.getFunction().getName().equals("$count_star"));
            if (countsRows && aggregate.getInputScan() instanceof ResolvedTableScan table) {
                notReads.add(table);
            }
            super.visit(aggregate);
        }

        @Override
        public void visit(ResolvedFilterScan filter) {
            constrained.addAll(constrainedBy(filter.getFilterExpr()));
            super.visit(filter);
        }

        @Override
        public void visit(ResolvedJoinScan join) {
            constrained.addAll(constrainedBy(join.getJoinExpr()));
            super.visit(join);
        }

        @Override
        public void visit(ResolvedDeleteStmt delete) {
            constrained.addAll(constrainedBy(delete.getWhereExpr()));
            super.visit(delete);
        }

        @Override
        public void visit(ResolvedUpdateStmt update) {
            constrained.addAll(constrainedBy(update.getWhereExpr()));
            super.visit(update);
        }

        @Override
        public void visit(ResolvedMergeStmt merge) {
            constrained.addAll(constrainedBy(merge.getMergeExpr()));
            super.visit(merge);
        }
    }

    /** The columns a condition requires to compare with a constant. */
    static Set<Long> constrainedBy(ResolvedExpr condition) {
        if (!(condition instanceof ResolvedFunctionCall call)) {
            return Set.of();
        }
        String function = call.getFunction().getName();
        List<ResolvedExpr> arguments = call.getArgumentList();
        if (function.equals("$and")) {
            Set<Long> columns = new HashSet<>();
            arguments.forEach(argument -> columns.addAll(constrainedBy(argument)));
            return columns;
        }
        if (function.equals("$or")) {
            Set<Long> columns = null;
            for (ResolvedExpr argument : arguments) {
                Set<Long> branch = new HashSet<>(constrainedBy(argument));
                if (columns == null) {
                    columns = branch;
                } else {
                    columns.retainAll(branch);
                }
            }
            return columns == null ? Set.of() : columns;
        }
        if (COMPARISONS.contains(function)) {
            List<ResolvedColumnRef> columns = arguments.stream().map(PartitionFilters::unwrapped)
                    .filter(ResolvedColumnRef.class::isInstance).map(ResolvedColumnRef.class::cast).toList();
            boolean othersConstant = arguments.stream().map(PartitionFilters::unwrapped)
                    .filter(argument -> !(argument instanceof ResolvedColumnRef))
                    .allMatch(argument -> argument instanceof ResolvedLiteral || argument instanceof ResolvedParameter);
            if (columns.size() == 1 && othersConstant && arguments.size() > 1) {
                return Set.of(columns.get(0).getColumn().getId());
            }
        }
        return Set.of();
    }

    private static ResolvedExpr unwrapped(ResolvedExpr expression) {
        return expression instanceof ResolvedCast cast ? unwrapped(cast.getExpr()) : expression;
    }
}
