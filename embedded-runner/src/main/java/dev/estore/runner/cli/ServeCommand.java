package dev.estore.runner.cli;

import dev.estore.embedded.bucket.BucketConfig;
import dev.estore.embedded.bucket.LocalBucketWatcher;
import dev.estore.embedded.bucket.LocalFolderObjectStore;
import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.transform.build.CatchUpBuild;
import io.quarkus.runtime.Quarkus;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Keeps the four services running, watching the bucket folder, with their HTTP APIs up. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run all four services: watch the bucket folder for new files and serve the HTTP APIs "
                + "(OpenAPI at /q/openapi, health at /q/health) until stopped with Ctrl+C.")
public class ServeCommand implements Callable<Integer> {

    @Option(names = "--bucket", description = "Folder to watch as the bucket (default: estore.bucket.root, data/bucket).")
    Path bucket;

    @Option(names = "--warehouse", description = "DuckDB file (default: estore.warehouse.duckdb.path, data/warehouse.duckdb).")
    Path warehouse;

    private final LocalFolderObjectStore buckets;
    private final LocalBucketWatcher watcher;
    private final DuckDbDatabase database;
    private final BucketConfig bucketConfig;
    private final CatchUpBuild catchUp;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int port;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1")
    String host;

    @ConfigProperty(name = "estore.api.token")
    Optional<String> token;

    public ServeCommand(LocalFolderObjectStore buckets, LocalBucketWatcher watcher, DuckDbDatabase database,
            BucketConfig bucketConfig, CatchUpBuild catchUp) {
        this.buckets = buckets;
        this.watcher = watcher;
        this.database = database;
        this.bucketConfig = bucketConfig;
        this.catchUp = catchUp;
    }

    @Override
    public Integer call() {
        if (warehouse != null) {
            database.openAt(warehouse);
        }
        if (bucket != null) {
            buckets.mount(bucketConfig.name(), bucket);
        }
        watcher.watch(bucketConfig.name());
        // a build cut short by the end of an earlier process (or never started) is made up now
        catchUp.submitIfOwed("serve");
        System.out.printf("estore is serving on http://%s:%d (loads: /loads, runs: /runs, models: /models, "
                + "OpenAPI: /q/openapi, health: /q/health). Drop CSV files into %s. Ctrl+C stops.%n", host, port,
                buckets.root(bucketConfig.name()));
        System.out.println(token.filter(value -> !value.isBlank()).isPresent()
                ? "Writes (loads, runs, snapshots, syncs) need Authorization: Bearer <ESTORE_API_TOKEN>."
                : "Writes (loads, runs, snapshots, syncs) are accepted from this machine only; set ESTORE_API_TOKEN to "
                        + "accept them from others (ESTORE_HTTP_HOST=0.0.0.0 opens the port).");
        Quarkus.waitForExit();
        return 0;
    }
}
