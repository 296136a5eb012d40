package dev.estore.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunRecord;

/** Row counts and row-set differences the incremental-versus-full-rebuild tests compare tables with. */
public final class WarehouseRows {

    private WarehouseRows() {
    }

    public static long count(Warehouse warehouse, String relation) {
        return ((Number) warehouse.query("SELECT count(*) AS n FROM " + relation + " AS counted").get(0).get("n"))
                .longValue();
    }

    /** Asserts that {@code left} and {@code right} hold the same rows, duplicates counted (EXCEPT ALL both ways). */
    public static void assertSameRows(Warehouse warehouse, String left, String right, String when) {
        assertThat(onlyIn(warehouse, left, right)).as("%s: rows of %s not in %s", when, left, right).isZero();
        assertThat(onlyIn(warehouse, right, left)).as("%s: rows of %s not in %s", when, right, left).isZero();
    }

    /** Rows of {@code left} not in {@code right}, duplicates counted (EXCEPT ALL). */
    public static long onlyIn(Warehouse warehouse, String left, String right) {
        return count(warehouse, "(SELECT * FROM " + left + " EXCEPT ALL SELECT * FROM " + right + ")");
    }

    /** How a model was built in a run ("full", "insert_overwrite of ...", ...). */
    public static String modeOf(RunRecord run, String model) {
        return run.models().stream().filter(m -> m.model().equals(model)).map(ModelRun::mode).findFirst()
                .orElseThrow();
    }
}
