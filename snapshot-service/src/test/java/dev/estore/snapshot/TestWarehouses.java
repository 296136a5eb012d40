package dev.estore.snapshot;

import dev.estore.embedded.duckdb.FixedDuckDbConfig;
import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.snapshot.definition.SnapshotDefinition;
import dev.estore.snapshot.definition.Strategy;
import dev.estore.snapshot.definition.TableRef;
import java.nio.file.Path;
import java.util.List;

/** A DuckDB warehouse in a test's folder, and snapshot definitions of a small people table. */
public final class TestWarehouses {

    private TestWarehouses() {
    }

    public static DuckDbDatabase database(Path folder) {
        return new DuckDbDatabase(FixedDuckDbConfig.of(folder.resolve("warehouse.duckdb"), "512MB", 1));
    }

    public static DuckDbWarehouse warehouse(DuckDbDatabase database) {
        return new DuckDbWarehouse(database);
    }

    /** A check snapshot of marts.people on id, comparing segment and score, carrying every column. */
    public static SnapshotDefinition people(boolean invalidateHardDeletes) {
        return new SnapshotDefinition("snap_people", "snapshots/snap_people.yml", "", new TableRef("marts", "people"),
                new TableRef("snapshots", "snap_people"), List.of("id"), Strategy.CHECK,
                List.of("segment", "score"), false, null, List.of(), invalidateHardDeletes, "segment");
    }

    /** A timestamp snapshot of marts.people on id, by its changed_at column. */
    public static SnapshotDefinition peopleByTime() {
        return new SnapshotDefinition("snap_people_time", "snapshots/snap_people_time.yml", "",
                new TableRef("marts", "people"), new TableRef("snapshots", "snap_people_time"), List.of("id"),
                Strategy.TIMESTAMP, List.of(), false, "changed_at", List.of(), true, "segment");
    }
}
