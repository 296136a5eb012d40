package dev.estore.deploy.checks.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A kustomization.yaml as the checks read it: the files it names, its generators, patches and images. */
public record Kustomization(Path dir, JsonNode root) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static Kustomization in(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        try {
            return new Kustomization(dir, YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public List<String> resources() {
        return texts(root.path("resources"));
    }

    public List<String> patchPaths() {
        List<String> paths = new ArrayList<>();
        root.path("patches").forEach(p -> {
            if (p.has("path")) {
                paths.add(p.get("path").asText());
            }
        });
        return paths;
    }

    /** Generator name => its behavior ("create" when unset) and env files. */
    public Map<String, Generator> configMapGenerators() {
        Map<String, Generator> generators = new LinkedHashMap<>();
        root.path("configMapGenerator").forEach(g -> generators.put(g.path("name").asText(),
                new Generator(g.path("behavior").asText("create"), texts(g.path("envs")))));
        return generators;
    }

    /** Image name => the image it becomes (newName:newTag). */
    public Map<String, String> images() {
        Map<String, String> images = new LinkedHashMap<>();
        root.path("images").forEach(i -> images.put(i.path("name").asText(),
                i.path("newName").asText(i.path("name").asText()) + ":" + i.path("newTag").asText("latest")));
        return images;
    }

    /** Deployment name => the replica count the {@code replicas:} field gives it. */
    public Map<String, Integer> replicas() {
        Map<String, Integer> replicas = new LinkedHashMap<>();
        root.path("replicas").forEach(r -> replicas.put(r.path("name").asText(), r.path("count").asInt()));
        return replicas;
    }

    public String namespace() {
        return root.path("namespace").asText("");
    }

    public record Generator(String behavior, List<String> envs) {
    }

    /** KEY=value lines of an env file (the format configMapGenerator envs reads). */
    public Map<String, String> envFile(String name) {
        Path file = dir.resolve(name);
        Map<String, String> entries = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalStateException(file + ": '" + line + "' is not KEY=value");
                }
                entries.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return entries;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
