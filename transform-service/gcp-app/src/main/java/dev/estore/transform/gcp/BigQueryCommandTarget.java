package dev.estore.transform.gcp;

import dev.estore.shared.ports.Warehouse;
import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunHistory;
import dev.estore.transform.build.RunRecord;
import dev.estore.transform.cli.CommandTarget;
import dev.estore.transform.cli.FollowedBuild;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** The commands on BigQuery: the datasets of the cloud settings; builds queued on this app's coordinator. */
@ApplicationScoped
public class BigQueryCommandTarget implements CommandTarget {

    private final Warehouse warehouse;
    private final BuildCoordinator builds;
    private final RunHistory history;

    public BigQueryCommandTarget(Warehouse warehouse, BuildCoordinator builds, RunHistory history) {
        this.warehouse = warehouse;
        this.builds = builds;
        this.history = history;
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

    @Override
    public RunRecord build(BuildRequest request, Duration timeout, Consumer<ModelRun> progress)
            throws InterruptedException {
        return FollowedBuild.follow(builds, history, request, timeout, progress);
    }
}
