package dev.estore.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratedFile;
import dev.estore.generator.GeneratorOptions;
import dev.estore.runner.fixture.TestFolders;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.project.ModelProject;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's baseline runs every packaged model's full-build SQL, with its schemas, on a DuckDB file. */
@QuarkusTest
class DirectDuckDbBaselineTest {

    @Inject
    BuildRunner models;

    @Inject
    ModelProject project;

    @Inject
    Warehouse warehouse;

    @Test
    void runsTheWholeProjectsFullBuildDirectlyOnDuckDb() throws Exception {
        Path dir = TestFolders.create("estore-baseline");
        List<Path> files = new EventGenerator(new GeneratorOptions(5_000, 2, 3, dir.resolve("files"), false,
                YearMonth.of(2019, 10))).generate().files().stream().map(GeneratedFile::path).toList();

        DirectDuckDbBaseline.Timings timings = DirectDuckDbBaseline.run(dir.resolve("baseline.duckdb"), files,
                models.schemas(), PlainFullBuild.statements(project, models, warehouse), List.of("SET threads = 1"));

        assertThat(timings.modelMillis()).containsOnlyKeys(models.selection(List.of()));
        // every model's data tests ran too: a relationships test once the model it points at was built
        assertThat(PlainFullBuild.statements(project, models, warehouse).get("dim_users"))
                .anyMatch(sql -> sql.contains("LEFT JOIN marts.dim_users AS parent") && sql.contains("int_sessions"));
    }
}
