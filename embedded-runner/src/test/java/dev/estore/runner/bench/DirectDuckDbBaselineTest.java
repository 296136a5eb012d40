package dev.estore.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratedFile;
import dev.estore.generator.GeneratorOptions;
import dev.estore.transform.build.BuildRunner;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's baseline runs every packaged model's full-build SQL, with its schemas, on a DuckDB file. */
@QuarkusTest
class DirectDuckDbBaselineTest {

    @Inject
    BuildRunner models;

    @Test
    void runsTheWholeProjectsFullBuildDirectlyOnDuckDb() throws Exception {
        Path dir = Files.createTempDirectory("estore-baseline");
        List<Path> files = new EventGenerator(new GeneratorOptions(5_000, 2, 3, dir.resolve("files"), false,
                YearMonth.of(2019, 10))).generate().files().stream().map(GeneratedFile::path).toList();

        DirectDuckDbBaseline.Timings timings = DirectDuckDbBaseline.run(dir.resolve("baseline.duckdb"), files,
                models.schemas(), models.plainFullBuild(), List.of("SET threads = 1"));

        assertThat(timings.modelMillis()).containsOnlyKeys(models.selection(List.of()));
    }
}
