package dev.estore.runner.cli;

import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.RunSummary;
import dev.estore.runner.pipeline.SummaryPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs every file of some folders through the whole pipeline and reports. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Load every file in the folders, build the models, wait for all services, print a summary. "
                + "Exit code 0 when every file loaded and every stage succeeded, 1 otherwise.")
public class RunCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders of event files; each is served as a bucket.")
    List<Path> folders;

    @Option(names = "--warehouse", description = "DuckDB file to use (default: estore.warehouse.duckdb.path, data/warehouse.duckdb).")
    Path warehouse;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--full-refresh", description = "Rebuild every model from scratch after the loads (as dbt's "
            + "--full-refresh), instead of only the days that changed.")
    boolean fullRefresh;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "Give up waiting after this long (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    private final EmbeddedPipeline pipeline;

    public RunCommand(EmbeddedPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Integer call() throws Exception {
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                System.err.println("Not a folder: " + folder);
                return 2;
            }
        }
        if (warehouse != null) {
            pipeline.useWarehouse(warehouse);
        }
        return report(pipeline.run(folders, timeout, fullRefresh), json);
    }

    static int report(RunSummary summary, boolean json) throws java.io.IOException {
        if (json) {
            SummaryPrinter.printJson(summary, System.out);
        } else {
            SummaryPrinter.printText(summary, System.out);
        }
        return summary.succeeded() ? 0 : 1;
    }
}
