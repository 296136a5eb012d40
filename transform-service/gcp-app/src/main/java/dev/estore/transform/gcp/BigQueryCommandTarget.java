package dev.estore.transform.gcp;

import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunRecord;
import dev.estore.transform.cli.CommandTarget;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** The commands on BigQuery: the datasets of the cloud settings; builds only into targets (see {@link #build}). */
@ApplicationScoped
public class BigQueryCommandTarget implements CommandTarget {

    private final Warehouse warehouse;

    public BigQueryCommandTarget(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public String describe() {
        return "BigQuery " + warehouse.relation("marts", "*");
    }

    @Override
    public void useWarehouseFile(Path file) {
        throw new IllegalArgumentException("--warehouse " + file + " names a DuckDB file of the embedded pipeline "
                + "(./estore " + "build); ./estore cloud works on " + describe() + ": choose the project and "
                + "datasets with QUARKUS_GOOGLE_CLOUD_PROJECT_ID and ESTORE_BIGQUERY_DATASET_PREFIX instead");
    }

    /** target/ in the working directory, as dbt writes it beside the project. */
    @Override
    public Path defaultTargetPath() {
        return Path.of("target");
    }

    /**
     * Refused: production's tables are built by the deployed transform service, one build at a time; a second
     * process building them beside it would interleave writes to the same tables (and its run history would take
     * the service's running build for an interrupted one). A person or CI builds into a target instead.
     */
    @Override
    public RunRecord build(BuildRequest request, Duration timeout, Consumer<ModelRun> progress) {
        throw new IllegalArgumentException("./estore cloud build writes production's datasets only through the "
                + "deployed transform service, which builds one run at a time: POST /runs {\"select\": "
                + request.select() + "} on it (the daily schedule and every loaded file do the same). From here, "
                + "build into a target of your own: --target dev (datasets <prefix><schema>_dev, reading "
                + "production for the rest)");
    }
}
