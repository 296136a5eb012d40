package dev.estore.transform.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.embedded.duckdb.FixedDuckDbConfig;
import dev.estore.transform.project.DataTestSpec;
import dev.estore.transform.project.DataTestSpec.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A unique test checked day slice by day slice finds what the whole-table test finds. */
class DataTestRunnerTest {

    static final DataTestSpec UNIQUE_ID = new DataTestSpec(Kind.UNIQUE, "id", List.of(), null, null, null);
    static final List<String> SLICES = List.of("(SELECT * FROM main.facts WHERE day = DATE '2019-11-01')",
            "(SELECT * FROM main.facts WHERE day = DATE '2019-11-02')",
            "(SELECT * FROM main.facts WHERE day IS NULL OR NOT (day BETWEEN DATE '2019-11-01' AND DATE '2019-11-02'))");

    @TempDir
    Path dir;
    DuckDbDatabase database;
    DuckDbWarehouse warehouse;

    @BeforeEach
    void facts() {
        database = new DuckDbDatabase(FixedDuckDbConfig.of(dir.resolve("w.duckdb"), "512MB", 1));
        warehouse = new DuckDbWarehouse(database);
        // id 'a' twice on the 1st, 'b' three times on the 2nd, 'c' twice on a day outside the sliced ones
        warehouse.executeAtomically(List.of("CREATE TABLE main.facts AS SELECT * FROM (VALUES "
                + "('a', DATE '2019-11-01'), ('a', DATE '2019-11-01'), ('x', DATE '2019-11-01'), "
                + "('b', DATE '2019-11-02'), ('b', DATE '2019-11-02'), ('b', DATE '2019-11-02'), "
                + "('c', DATE '2019-11-05'), ('c', DATE '2019-11-05'), ('y', NULL)) AS t(id, day)"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aUniqueTestOverDaySlicesFailsOnTheSameKeysAsOverTheWholeTable() {
        TestResult whole = run(List.of(), List.of(UNIQUE_ID)).get(0);
        TestResult sliced = run(SLICES, List.of(UNIQUE_ID)).get(0);

        assertThat(whole.failingRows()).isEqualTo(3);
        assertThat(sliced.failingRows()).isEqualTo(whole.failingRows());
        assertThat(sliced.passed()).isFalse();
        assertThat(sliced.sampleRows()).extracting(row -> row.get("id")).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void rowLevelTestsReadTheWholeRelationWhateverTheSlices() {
        DataTestSpec notNullDay = new DataTestSpec(Kind.NOT_NULL, "day", List.of(), null, null, null);

        assertThat(run(SLICES, List.of(notNullDay)).get(0).failingRows()).isEqualTo(1);
    }

    private List<TestResult> run(List<String> slices, List<DataTestSpec> tests) {
        return warehouse.inTransaction(transaction -> DataTestRunner.run(transaction, "facts", "main.facts", slices,
                tests, UnaryOperator.identity(), UnaryOperator.identity()));
    }
}
