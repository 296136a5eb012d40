package dev.estore.runner.bench;

import dev.estore.embedded.duckdb.DuckDbConfig;
import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.generator.GeneratedFile;
import dev.estore.generator.GenerationReport;
import dev.estore.runner.cli.DatasetOptions;
import dev.estore.runner.cli.GenerateCommand;
import dev.estore.runner.cli.ScratchFolder;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.RunSummary;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.project.ModelProject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Measures the pipeline against its own SQL run directly on DuckDB, in the same process and run, and prints both
 * with their ratio: absolute times on a shared machine are noise, the ratio is the figure. The baseline runs
 * before and after the pipeline and the two are averaged, so a burst of outside load falls on both sides.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Generate data, run load + build + data tests through the services and the same SQL directly "
                + "on DuckDB, and print per-stage times, rows/s, the ratio to the baseline and peak memory.")
public class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--dir", defaultValue = "data/bench", description = "Work folder, emptied first (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--incremental", description = "Load and build month by month into one warehouse, each month "
            + "also built alone in a fresh warehouse, then days of one month more on top (--days); print per step "
            + "load and build seconds, the ratio to the file alone, bytes per event and peak memory.")
    boolean incremental;

    @Option(names = "--alone", defaultValue = "all", description = "With --incremental, which steps are also built "
            + "alone in a fresh warehouse: ${COMPLETION-CANDIDATES} (last: only the last month and the days, about "
            + "half the time at scale; default ${DEFAULT-VALUE}).")
    IncrementalBench.AloneSteps aloneSteps;

    @Option(names = "--days", defaultValue = "3", description = "With --incremental, how many days of one month more "
            + "are added on top, one file each, each also built alone: one day's ratio is a single pair of short "
            + "builds on a noisy machine, the median of a few says more (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--gzip", description = "Generate .csv.gz files (less disk, slower to generate).")
    boolean gzip;

    private final EmbeddedPipeline pipeline;
    private final BuildRunner models;
    private final ModelProject project;
    private final Warehouse warehouse;
    private final DuckDbConfig duckdb;

    public BenchCommand(EmbeddedPipeline pipeline, BuildRunner models, ModelProject project, Warehouse warehouse,
            DuckDbConfig duckdb) {
        this.pipeline = pipeline;
        this.models = models;
        this.project = project;
        this.warehouse = warehouse;
        this.duckdb = duckdb;
    }

    @Override
    public Integer call() throws Exception {
        ScratchFolder.reset(dir, List.of("files", "baseline-", "pipeline.duckdb", "bucket", "incremental.duckdb",
                "alone-"));
        Path files = dir.resolve("files");
        if (incremental) {
            return incremental(files);
        }
        GenerationReport generated = GenerateCommand.generate(dataset.into(files, gzip));
        List<Path> paths = generated.files().stream().map(GeneratedFile::path).toList();
        long bytes = generated.totalBytes();

        Map<String, List<String>> plainFullBuild = PlainFullBuild.statements(project, models, warehouse);
        System.out.println("Baseline 1/2: the same SQL directly on DuckDB...");
        DirectDuckDbBaseline.Timings before = DirectDuckDbBaseline.run(dir.resolve("baseline-1.duckdb"), paths,
                models.schemas(), plainFullBuild, settings());

        System.out.println("Pipeline: the same files through the services...");
        pipeline.useWarehouse(dir.resolve("pipeline.duckdb"));
        RunSummary run = pipeline.run(List.of(files), Duration.ofHours(6));

        System.out.println("Baseline 2/2: the same SQL directly on DuckDB...");
        DirectDuckDbBaseline.Timings after = DirectDuckDbBaseline.run(dir.resolve("baseline-2.duckdb"), paths,
                models.schemas(), plainFullBuild, settings());
        DirectDuckDbBaseline.Timings baseline = before.averagedWith(after);
        System.out.printf("Baseline runs: load %d / %d ms, build %d / %d ms%n", before.loadMillis(),
                after.loadMillis(), before.buildMillis(), after.buildMillis());
        if (!run.succeeded()) {
            System.out.println("The pipeline run failed; figures would mean nothing: " + run.failures());
            return 1;
        }
        print(generated, bytes, baseline, run);
        return 0;
    }

    /** Month by month: each month generated, loaded and built before the next is generated. */
    private Integer incremental(Path files) throws Exception {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), "--days must be at least 1, was " + days);
        }
        return new IncrementalBench(pipeline, dir, aloneSteps, days).run(dataset.into(files, gzip));
    }

    private void print(GenerationReport generated, long bytes, DirectDuckDbBaseline.Timings baseline, RunSummary run) {
        long rows = generated.totalRows();
        long pipelineLoad = run.loadStage().toMillis();
        long pipelineBuild = run.buildStage().toMillis();
        System.out.println();
        System.out.printf("estore bench: %,d events, %d files, %.1f MB, DuckDB threads %s, memory_limit %s%n", rows,
                generated.files().size(), bytes / 1e6, duckdb.threads().map(String::valueOf).orElse("default"),
                duckdb.memoryLimit().orElse("default"));
        System.out.printf("%-34s %12s %12s %8s %14s%n", "stage", "baseline ms", "pipeline ms", "ratio",
                "pipeline rows/s");
        row("generate (reference only)", generated.elapsed().toMillis(), generated.elapsed().toMillis(), rows);
        row("load (read_csv into raw.events)", baseline.loadMillis(), pipelineLoad, rows);
        System.out.printf("  load throughput: baseline %.1f MB/s, pipeline %.1f MB/s%n",
                bytes / 1e3 / Math.max(1, baseline.loadMillis()), bytes / 1e3 / Math.max(1, pipelineLoad));
        long buildRun = Duration.between(run.lastBuild().startedAt(), run.lastBuild().finishedAt()).toMillis();
        row("build + data tests (all models)", baseline.buildMillis(), buildRun, rows);
        for (ModelRun model : run.lastBuild().models()) {
            System.out.printf("  %-32s %12d %12d %7.2fx   (%s rows; tests %d ms)%n", model.model(),
                    baseline.modelMillis().getOrDefault(model.model(), 0L), model.millis(),
                    ratio(baseline.modelMillis().getOrDefault(model.model(), 0L), model.millis()),
                    model.rows() < 0 ? "view, not counted" : String.format("%,d", model.rows()), model.testMillis());
        }
        System.out.printf("%-34s %12s %12d %8s   (snapshots and semantic sync after the build; no baseline)%n",
                "after the build", "-", pipelineBuild - buildRun, "-");
        row("total (load + build)", baseline.loadMillis() + baseline.buildMillis(), pipelineLoad + buildRun,
                rows);
        System.out.printf("peak resident memory of this process: %s%n", PeakMemory.describe());
        System.out.printf("pipeline wall time from first announcement to idle: %d ms%n", pipelineLoad + pipelineBuild);
        System.out.println("Ratios are pipeline / baseline in this run (lower is better; 1.00x = no overhead).");
    }

    private static void row(String stage, long baselineMillis, long pipelineMillis, long rows) {
        System.out.printf("%-34s %12d %12d %7.2fx %,14.0f%n", stage, baselineMillis, pipelineMillis,
                ratio(baselineMillis, pipelineMillis), rows * 1000.0 / Math.max(1, pipelineMillis));
    }

    private static double ratio(long baseline, long pipeline) {
        return baseline == 0 ? Double.NaN : (double) pipeline / baseline;
    }

    private List<String> settings() {
        List<String> settings = new ArrayList<>();
        settings.add("SET temp_directory = '" + dir.resolve("baseline-spill.tmp").toAbsolutePath() + "'");
        duckdb.memoryLimit().ifPresent(limit -> settings.add("SET memory_limit = '" + limit + "'"));
        duckdb.threads().ifPresent(threads -> settings.add("SET threads = " + threads));
        settings.add(DuckDbDatabase.disabledOptimizers(duckdb));
        return settings;
    }
}
