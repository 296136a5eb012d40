package dev.estore.runner.pipeline;

import dev.estore.shared.ports.Warehouse;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Gives each folder `run` serves a bucket name of its own, remembered in the warehouse (ops.local_buckets): the
 * folder's name, with a suffix when another folder already uses it. The same folder always gets the same name,
 * so a re-run recognises its files as loaded, and two folders that happen to share a name never replace each
 * other's files.
 */
@ApplicationScoped
public class LocalBucketNames {

    private final Warehouse warehouse;
    private boolean ready;

    public LocalBucketNames(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public synchronized String nameFor(Path folder) {
        ensureTable();
        String path = folder.toAbsolutePath().normalize().toString();
        List<Map<String, Object>> known = warehouse.query("SELECT bucket FROM " + relation() + " WHERE folder = ?",
                path);
        if (!known.isEmpty()) {
            return (String) known.get(0).get("bucket");
        }
        String base = baseName(folder);
        String name = base;
        for (int i = 2; !warehouse.query("SELECT 1 FROM " + relation() + " WHERE bucket = ?", name).isEmpty(); i++) {
            name = base + "-" + i;
        }
        String chosen = name;
        warehouse.inTransaction(transaction -> transaction.execute("INSERT INTO " + relation()
                + " (bucket, folder) VALUES (?, ?)", chosen, path));
        return chosen;
    }

    private static String baseName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        String base = name == null ? "" : name.toString().toLowerCase().replaceAll("[^a-z0-9._-]", "-");
        return base.isEmpty() ? "bucket" : base;
    }

    private void ensureTable() {
        if (!ready) {
            warehouse.ensureSchemas(List.of("ops"));
            warehouse.executeAtomically(List.of("CREATE TABLE IF NOT EXISTS " + relation()
                    + " (bucket STRING, folder STRING)"));
            ready = true;
        }
    }

    private String relation() {
        return warehouse.relation("ops", "local_buckets");
    }
}
