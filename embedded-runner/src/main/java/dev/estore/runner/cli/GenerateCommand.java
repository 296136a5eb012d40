package dev.estore.runner.cli;

import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratedFile;
import dev.estore.generator.GenerationReport;
import dev.estore.generator.GeneratorOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes REES46-shaped monthly CSV files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write realistic REES46-shaped event files, one per month (deterministic per seed).")
public class GenerateCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions dataset;

    @Option(names = "--out", required = true, description = "Folder to write to (created if missing).")
    Path out;

    @Option(names = "--gzip", description = "Write .csv.gz files.")
    boolean gzip;

    @Override
    public Integer call() throws Exception {
        GenerationReport report = generate(dataset.into(out, gzip));
        for (GeneratedFile file : report.files()) {
            System.out.printf("  %s  %,d rows  %,d bytes%n", file.path(), file.rows(), file.bytes());
        }
        return 0;
    }

    public static GenerationReport generate(GeneratorOptions options) throws java.io.IOException {
        GenerationReport report = new EventGenerator(options).generate();
        System.out.printf("Generated %,d events in %d file(s) under %s in %.1f s (%,.0f rows/s)%n",
                report.totalRows(), report.files().size(), options.outDir(), report.elapsed().toMillis() / 1000.0,
                report.rowsPerSecond());
        return report;
    }
}
