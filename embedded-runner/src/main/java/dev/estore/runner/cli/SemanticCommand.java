package dev.estore.runner.cli;

import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.semantic.catalog.CatalogResolver;
import dev.estore.semantic.catalog.SemanticLayer;
import dev.estore.semantic.omni.OmniModelFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The semantic layer's commands; today the export of the Omni model files. */
@Command(name = "semantic", mixinStandardHelpOptions = true, description = "The BI semantic layer.",
        subcommands = SemanticCommand.Export.class)
public class SemanticCommand {

    /** Writes the files a sync would push to Omni, after checking the layer against the warehouse. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write exactly the Omni model files a sync would push (views, topics, relationships), "
                    + "checked against the warehouse's built models. Exit code 0 when written, 1 when the layer "
                    + "does not match the warehouse (the problems are printed), 2 on bad usage.",
            footer = {"", "Example:", "  ./estore semantic export --out omni-model --warehouse data/demo/warehouse.duckdb"})
    public static class Export implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the files to.")
        Path out;

        @Option(names = "--warehouse", description = "DuckDB file to check against (default: "
                + "estore.warehouse.duckdb.path, data/warehouse.duckdb).")
        Path warehouse;

        private final EmbeddedPipeline pipeline;
        private final SemanticLayer layer;

        public Export(EmbeddedPipeline pipeline, SemanticLayer layer) {
            this.pipeline = pipeline;
            this.layer = layer;
        }

        @Override
        public Integer call() throws Exception {
            if (warehouse != null) {
                if (!Files.isRegularFile(warehouse)) {
                    System.err.println("No warehouse file " + warehouse + ": build one with ./estore run or demo first");
                    return 2;
                }
                pipeline.useWarehouse(warehouse);
            }
            CatalogResolver.Resolution resolution = layer.validate();
            if (!resolution.valid()) {
                System.err.println("The semantic layer does not match the warehouse " + pipeline.warehouseFile()
                        + "; nothing written:");
                resolution.problems().forEach(problem -> System.err.println("  " + problem));
                return 1;
            }
            Files.createDirectories(out);
            Map<String, String> files = OmniModelFiles.of(resolution.catalog());
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(out.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
            System.out.println("Wrote " + files.size() + " Omni model file(s) to " + out + ": " + files.keySet());
            return 0;
        }
    }
}
