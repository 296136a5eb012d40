package dev.estore.snapshot.run;

import dev.estore.shared.ports.Warehouse;
import dev.estore.snapshot.definition.SnapshotDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Takes one snapshot: checks the definition against the warehouse, then in one transaction counts what changed,
 * closes the changed (and vanished) current versions and inserts the new ones, all at the run time. A failure at
 * any step rolls the whole snapshot back to its previous state. Nothing is written when nothing changed, so a
 * re-run on unchanged data leaves the table exactly as it was.
 */
@ApplicationScoped
public class SnapshotExecutor {

    private static final Logger LOG = Logger.getLogger(SnapshotExecutor.class);

    private final Warehouse warehouse;
    private final StepListener listener;

    @Inject
    public SnapshotExecutor(Warehouse warehouse) {
        this(warehouse, StepListener.NONE);
    }

    SnapshotExecutor(Warehouse warehouse, StepListener listener) {
        this.warehouse = warehouse;
        this.listener = listener;
    }

    /** What one snapshot run did, and the table's size after it. */
    public record Result(String relation, Changes changes, long rows, long currentRows) {
    }

    public Result run(SnapshotDefinition definition, TimestampLiteral runTime) {
        SnapshotPlan plan = SnapshotPlan.resolve(definition, warehouse);
        plan.notes().forEach(note -> LOG.warnf("Snapshot %s: %s", definition.name(), note));
        SnapshotSql sql = new SnapshotSql(plan, warehouse.dialect());
        if (!plan.targetExists()) {
            // Created before the transaction: BigQuery allows no DDL on permanent tables inside one. An empty
            // table left by a failed first run is harmless; the next run fills it.
            warehouse.ensureSchemas(List.of(definition.target().schema()));
            warehouse.executeAtomically(List.of(sql.createTable()));
            LOG.infof("Snapshot %s: created %s with columns %s and the version columns", definition.name(),
                    plan.target(), plan.carried());
        }
        return warehouse.inTransaction(transaction -> {
            checkKeys(plan, transaction.query(sql.keyCheck()).get(0));
            long later = number(transaction.query(sql.versionsNotBefore(runTime)).get(0), "later");
            if (later > 0) {
                throw new SnapshotException("Snapshot " + definition.name() + ": " + later + " version(s) in "
                        + plan.target() + " start or end at or after this run's time " + runTime
                        + "; a run must come after the previous one (has the clock gone back?)");
            }
            Changes changes = changes(definition, transaction.query(sql.counts()).get(0));
            if (changes.closedVersions() > 0) {
                transaction.execute(sql.closeVersions(runTime));
            }
            listener.versionsClosed(definition);
            if (changes.inserted() > 0) {
                transaction.execute(sql.insertVersions(runTime));
            }
            Map<String, Object> sizes = transaction.query(sql.sizes()).get(0);
            return new Result(plan.target(), changes, number(sizes, "total_rows"), number(sizes, "current_rows"));
        });
    }

    private static void checkKeys(SnapshotPlan plan, Map<String, Object> row) {
        long duplicates = number(row, "duplicate_keys");
        long nulls = number(row, "null_keys");
        if (duplicates > 0 || nulls > 0) {
            throw new SnapshotException("Snapshot " + plan.definition().name() + ": the source " + plan.source()
                    + " is not unique on " + plan.key() + " (" + duplicates + " duplicated key(s), " + nulls
                    + " row(s) with a NULL key); a snapshot keeps one current version per key");
        }
    }

    private static Changes changes(SnapshotDefinition definition, Map<String, Object> row) {
        long vanished = number(row, "vanished");
        boolean invalidate = definition.invalidateHardDeletes();
        return new Changes(number(row, "new_keys"), number(row, "reappeared"), number(row, "changed"),
                invalidate ? vanished : 0, invalidate ? 0 : vanished, number(row, "unchanged"));
    }

    static long number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
