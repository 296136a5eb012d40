package dev.estore.runner.cli;

import dev.estore.generator.GeneratorOptions;
import java.nio.file.Path;
import java.time.YearMonth;
import picocli.CommandLine.Option;

/** The options that describe a generated dataset, shared by generate, demo and bench. */
public class DatasetOptions {

    @Option(names = "--events", defaultValue = "1000000", converter = CountConverter.class,
            description = "Events to generate (default ${DEFAULT-VALUE}); accepts 10M, 500k.")
    long events;

    @Option(names = "--months", defaultValue = "7", description = "Monthly files (default ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--first-month", defaultValue = "2019-10", description = "First month, yyyy-mm (default ${DEFAULT-VALUE}).")
    String firstMonth;

    public GeneratorOptions into(Path folder, boolean gzip) {
        return new GeneratorOptions(events, months, seed, folder, gzip, YearMonth.parse(firstMonth));
    }
}
