package dev.estore.transform.select;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the project's models were at one moment, as dbt's {@code manifest.json}: each model's fingerprint (its SQL
 * and the settings that change what it builds) and its place in the DAG. Compared with an earlier one, it tells
 * which models {@code state:modified} selects. A description or a data test is not in the fingerprint: changing
 * one builds nothing again.
 */
public record Manifest(String generatedAt, Map<String, Model> models) {

    public static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One model: its fingerprint, where it lives, and its parents. */
    public record Model(String fingerprint, String schema, String path, String materialized, List<String> dependsOn,
            List<String> tags) {
    }

    public Manifest {
        models = new TreeMap<>(models);
    }

    public static Manifest of(ModelProject project) {
        Map<String, Model> models = new LinkedHashMap<>();
        for (String name : project.buildOrder()) {
            ModelDefinition model = project.model(name);
            models.put(name, new Model(fingerprint(model), model.schema(), model.path(),
                    model.materialization().name().toLowerCase(java.util.Locale.ROOT),
                    model.upstream().stream().sorted().toList(), model.tags()));
        }
        return new Manifest(java.time.Instant.now().toString(), models);
    }

    /** The models that differ from {@code earlier}'s or that it does not have (dbt's state:modified). */
    public java.util.Set<String> modifiedSince(Manifest earlier) {
        java.util.Set<String> modified = new java.util.LinkedHashSet<>();
        models.forEach((name, model) -> {
            Model before = earlier.models().get(name);
            if (before == null || !before.fingerprint().equals(model.fingerprint())) {
                modified.add(name);
            }
        });
        return modified;
    }

    /** The SQL as written and every setting that changes the rows or the table built; not descriptions or tests. */
    static String fingerprint(ModelDefinition model) {
        String settings = String.join("\n", "schema=" + model.schema(),
                "materialized=" + model.materialization(), "incremental=" + model.incremental(),
                "unique_key=" + model.uniqueKey(), "partition_by=" + model.partitionBy(),
                "cluster_by=" + model.clusterBy(), "window_column=" + model.windowColumn(),
                "status_change=" + model.statusChange(), "post_hook=" + model.postHooks())
                // added only when set, so that models without it keep the fingerprints of earlier manifests
                + (model.sortOnWrite() ? "" : "\nsort_on_write=false");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((model.sql() + "\n-- settings --\n" + settings)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code manifest.json} into the folder (created when missing); returns the file. */
    public Path writeTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE);
        JSON.writeValue(file.toFile(), this);
        return file;
    }

    /** The manifest in a folder written by {@link #writeTo} (dbt's --state DIR). */
    public static Manifest readFrom(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("No " + FILE + " in " + folder + ": give --state the --target-path of an earlier "
                    + "command (build, ls and compile write one)");
        }
        return JSON.readValue(file.toFile(), Manifest.class);
    }
}
