package dev.estore.runner.docs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** dbt's docs generate: the docs site written to a folder (./estore serve shows the same page at /docs). */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = {"Write the project's docs (one HTML page that opens from the file, no network): the lineage "
                + "graph of sources, models, snapshots and semantic-layer topics, and each one's description, "
                + "columns, tests, compiled SQL and last build. ./estore serve shows the same page at /docs.", "",
                "Example:", "  ./estore docs --out target/docs && xdg-open target/docs/index.html"})
public class DocsCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "data/docs", description = "Folder to write index.html into (default "
            + "${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--warehouse", description = "DuckDB file whose run history gives each model's last build "
            + "(default: estore.warehouse.duckdb.path).")
    Path warehouse;

    private final DocsSite site;
    private final dev.estore.runner.pipeline.EmbeddedPipeline pipeline;

    public DocsCommand(DocsSite site, dev.estore.runner.pipeline.EmbeddedPipeline pipeline) {
        this.site = site;
        this.pipeline = pipeline;
    }

    @Override
    public Integer call() throws Exception {
        if (warehouse != null) {
            pipeline.useWarehouse(warehouse);
        }
        Files.createDirectories(out);
        Path index = out.resolve("index.html");
        Files.writeString(index, site.html(), StandardCharsets.UTF_8);
        System.out.println("Docs written to " + index.toAbsolutePath());
        return 0;
    }
}
