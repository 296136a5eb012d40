package dev.estore.transform.cli;

import dev.estore.shared.contracts.MessageCodec;
import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.freshness.SourceFreshness;
import dev.estore.transform.project.Freshness;
import dev.estore.transform.project.ModelProject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** dbt's source commands. */
@Command(name = "source", mixinStandardHelpOptions = true, description = "Commands about the sources.",
        subcommands = SourceCommand.FreshnessCommand.class)
public class SourceCommand {

    /** dbt's source freshness: how long since a file was loaded, against project.yml's thresholds. */
    @Command(name = "freshness", mixinStandardHelpOptions = true,
            description = {"How long since a file was last loaded into raw.events (and its newest event), against "
                    + "project.yml's freshness: warn_after / error_after. Exit code 0 when fresh or only a "
                    + "warning, 1 past error_after or when nothing was ever loaded.", "", "Example:",
                    "  ./estore source freshness --warehouse data/warehouse.duckdb"})
    public static class FreshnessCommand implements Callable<Integer> {

        @Option(names = "--warehouse", description = "Embedded only: the DuckDB file to check (default: "
                + "estore.warehouse.duckdb.path). On BigQuery the datasets come from the estore.bigquery settings.")
        Path warehouseFile;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        private final CommandTarget app;
        private final Warehouse warehouse;
        private final ModelProject project;

        public FreshnessCommand(CommandTarget app, Warehouse warehouse, ModelProject project) {
            this.app = app;
            this.warehouse = warehouse;
            this.project = project;
        }

        @Override
        public Integer call() throws Exception {
            if (warehouseFile != null) {
                try {
                    app.useWarehouseFile(warehouseFile);
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    return 2;
                }
            }
            Freshness thresholds = project.freshness().orElse(new Freshness(null, null));
            SourceFreshness.Report report = new SourceFreshness(warehouse).check(thresholds, Instant.now());
            System.out.println(json ? MessageCodec.json().writerWithDefaultPrettyPrinter().writeValueAsString(report)
                    : report.status() + "  " + report.source() + ": " + report.message());
            return report.status() == SourceFreshness.Status.ERROR ? 1 : 0;
        }
    }
}
