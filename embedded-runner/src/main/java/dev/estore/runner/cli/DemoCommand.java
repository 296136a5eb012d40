package dev.estore.runner.cli;

import dev.estore.runner.pipeline.EmbeddedPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Generates a dataset and runs it through the whole pipeline: the one command a newcomer runs. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a dataset (default ~1M events over 7 months, seed 42) into a fresh demo bucket, "
                + "run the whole pipeline on it and print what it did.")
public class DemoCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--dir", defaultValue = "data/demo", description = "Demo folder, emptied first: bucket/ and warehouse.duckdb go here (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    private final EmbeddedPipeline pipeline;

    public DemoCommand(EmbeddedPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Integer call() throws Exception {
        ScratchFolder.reset(dir, List.of("bucket", "warehouse.duckdb"));
        Path bucket = dir.resolve("bucket");
        GenerateCommand.generate(dataset.into(bucket, false));
        pipeline.useWarehouse(dir.resolve("warehouse.duckdb"));
        int exit = RunCommand.report(pipeline.run(List.of(bucket), Duration.ofHours(2)), json);
        if (!json) {
            System.out.println("Open the warehouse with any DuckDB client: " + dir.resolve("warehouse.duckdb")
                    + " (tables raw.events, staging.stg_events, marts.fct_events, ...)");
        }
        return exit;
    }
}
