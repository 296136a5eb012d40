package dev.estore.transform.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.estore.shared.definitions.KnownKeys;
import dev.estore.shared.resources.ClasspathFolder;
import dev.estore.transform.sql.Macros;
import dev.estore.transform.sql.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a model project: {@code project.yml} (sources and variable defaults), the macros in {@code macros/}, and
 * every other {@code <name>.sql} below it, with its optional {@code <name>.yml} beside it. The folder a model sits
 * in is its default schema.
 * There is no list of models to maintain: adding a file adds a model.
 */
public final class ProjectLoader {

    public static final String PROJECT_FILE = "project.yml";
    public static final String CLASSPATH_ROOT = "models";
    public static final String MACROS_FOLDER = "macros";
    /** dbt's singular tests: each .sql file is a SELECT of the rows breaking a rule. */
    public static final String TESTS_FOLDER = "tests";
    /**
     * dbt's generic tests, under tests/: each NAME.sql is a SELECT of the failing rows of {@code {{ model }}},
     * usable in a column's tests as {@code - NAME} or {@code - NAME: {arg: value}} ({@code {{ column_name }}} and
     * {@code {{ arg }}} filled in).
     */
    public static final String GENERIC_FOLDER = "generic";
    /** dbt's seeds: each NAME.csv becomes the table seeds.NAME, read with ref('NAME'). */
    public static final String SEEDS_FOLDER = "seeds";

    private ProjectLoader() {
    }

    /** The project packaged with the transform-service (src/main/resources/models). */
    public static ModelProject fromClasspath() {
        try {
            return ClasspathFolder.read(CLASSPATH_ROOT, PROJECT_FILE, ProjectLoader::fromDirectory);
        } catch (IOException e) {
            throw new ProjectException("Cannot read the packaged model project: " + e.getMessage(), e);
        }
    }

    /** A project folder on disk, so analysts can edit models without a rebuild. */
    public static ModelProject fromDirectory(Path root) throws IOException {
        Path projectFile = root.resolve(PROJECT_FILE);
        if (!Files.isRegularFile(projectFile)) {
            throw new ProjectException("No " + PROJECT_FILE + " in " + root);
        }
        JsonNode project = MetadataParser.readYaml(projectFile.toString(), Files.readString(projectFile));
        List<ModelDefinition> models = new ArrayList<>();
        Map<String, String> macroFiles = new LinkedHashMap<>();
        Path macros = root.resolve(MACROS_FOLDER);
        Path testsFolder = root.resolve(TESTS_FOLDER);
        Path genericFolder = testsFolder.resolve(GENERIC_FOLDER);
        Map<String, String> generics = genericTests(genericFolder);
        List<SingularTest> singularTests = new ArrayList<>();
        List<Seed> seeds = seeds(root.resolve(SEEDS_FOLDER));
        List<UnitTest> unitTests = new ArrayList<>();
        for (Seed seed : seeds) {
            models.add(seedModel(root, seed, generics));
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path sqlFile : files.filter(file -> file.getFileName().toString().endsWith(".sql")).sorted()
                    .toList()) {
                if (sqlFile.startsWith(genericFolder)) {
                    continue;
                }
                if (sqlFile.startsWith(testsFolder)) {
                    String fileName = sqlFile.getFileName().toString();
                    String sql = Files.readString(sqlFile, StandardCharsets.UTF_8);
                    String path = CLASSPATH_ROOT + "/" + root.relativize(sqlFile);
                    singularTests.add(new SingularTest(fileName.substring(0, fileName.length() - ".sql".length()),
                            path, sql, new dev.estore.transform.sql.SqlTemplate(path, sql).refs()));
                } else if (sqlFile.startsWith(macros)) {
                    macroFiles.put(CLASSPATH_ROOT + "/" + root.relativize(sqlFile),
                            Files.readString(sqlFile, StandardCharsets.UTF_8));
                } else {
                    ModelDefinition model = readModel(root, sqlFile, generics);
                    models.add(model);
                    unitTests.addAll(unitTestsOf(root, sqlFile, model.name()));
                }
            }
        }
        return new ModelProject(models, sources(project.path("sources")), vars(project.path("vars")),
                parsedMacros(macroFiles)).withFreshness(freshness(project.path("freshness"),
                        projectFile.toString())).withSingularTests(singularTests).withSeeds(seeds).withUnitTests(unitTests);
    }

    private static Macros parsedMacros(Map<String, String> files) {
        try {
            return Macros.parse(files);
        } catch (TemplateException e) {
            throw new ProjectException(e.getMessage(), e);
        }
    }

    private static List<UnitTest> unitTestsOf(Path root, Path sqlFile, String model) throws IOException {
        Path yamlFile = sqlFile.resolveSibling(model + ".yml");
        if (!Files.isRegularFile(yamlFile)) {
            return List.of();
        }
        String yamlPath = CLASSPATH_ROOT + "/" + root.relativize(yamlFile);
        return UnitTest.parse(model, MetadataParser.readYaml(yamlPath, Files.readString(yamlFile,
                StandardCharsets.UTF_8)).path("unit_tests"), yamlPath);
    }

    private static List<Seed> seeds(Path folder) throws IOException {
        List<Seed> seeds = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".csv")).sorted()
                        .toList()) {
                    String fileName = file.getFileName().toString();
                    seeds.add(Seed.read(fileName.substring(0, fileName.length() - ".csv".length()),
                            CLASSPATH_ROOT + "/" + SEEDS_FOLDER + "/" + fileName,
                            Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        }
        return seeds;
    }

    /** A seed as a model of the DAG: a table in schema seeds, its metadata (tests) in seeds/NAME.yml if any. */
    private static ModelDefinition seedModel(Path root, Seed seed, Map<String, String> generics) throws IOException {
        Path yamlFile = root.resolve(SEEDS_FOLDER).resolve(seed.name() + ".yml");
        String yamlPath = CLASSPATH_ROOT + "/" + SEEDS_FOLDER + "/" + seed.name() + ".yml";
        com.fasterxml.jackson.databind.node.ObjectNode meta = (com.fasterxml.jackson.databind.node.ObjectNode)
                MetadataParser.readYaml(yamlPath, Files.isRegularFile(yamlFile)
                        ? Files.readString(yamlFile, StandardCharsets.UTF_8) : "{}");
        if (meta.has("materialized") && !"table".equals(meta.path("materialized").asText())) {
            throw new ProjectException(yamlPath + ": a seed is a table; leave materialized out");
        }
        meta.put("materialized", "table");
        return MetadataParser.parse(seed.name(), SEEDS_FOLDER, seed.path(), "{{ seed('" + seed.name() + "') }}",
                yamlPath, meta, generics);
    }

    private static Map<String, String> genericTests(Path folder) throws IOException {
        Map<String, String> generics = new LinkedHashMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".sql")).sorted()
                        .toList()) {
                    String fileName = file.getFileName().toString();
                    generics.put(fileName.substring(0, fileName.length() - ".sql".length()),
                            Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return generics;
    }

    private static ModelDefinition readModel(Path root, Path sqlFile, Map<String, String> generics)
            throws IOException {
        String fileName = sqlFile.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".sql".length());
        Path relative = root.relativize(sqlFile);
        String schema = relative.getNameCount() > 1 ? relative.getName(0).toString() : "marts";
        Path yamlFile = sqlFile.resolveSibling(name + ".yml");
        String yamlPath = CLASSPATH_ROOT + "/" + root.relativize(yamlFile);
        JsonNode meta = Files.isRegularFile(yamlFile)
                ? MetadataParser.readYaml(yamlPath, Files.readString(yamlFile, StandardCharsets.UTF_8))
                : MetadataParser.readYaml(yamlPath, "{}");
        return MetadataParser.parse(name, schema, CLASSPATH_ROOT + "/" + relative,
                Files.readString(sqlFile, StandardCharsets.UTF_8), yamlPath, meta, generics);
    }

    /**
     * {@code freshness: {warn_after: {count: 1, period: day}, error_after: {count: 3, period: day}}} as dbt writes
     * it (period minute, hour or day); null when absent.
     */
    static Freshness freshness(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        KnownKeys.problem(path, "freshness", node, java.util.Set.of("warn_after", "error_after"))
                .ifPresent(problem -> {
                    throw new ProjectException(problem);
                });
        return new Freshness(after(node.path("warn_after"), path, "warn_after"),
                after(node.path("error_after"), path, "error_after"));
    }

    private static java.time.Duration after(JsonNode node, String path, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        KnownKeys.problem(path, "freshness." + key, node, java.util.Set.of("count", "period")).ifPresent(problem -> {
            throw new ProjectException(problem);
        });
        long count = node.path("count").asLong(-1);
        String period = node.path("period").asText("");
        if (count <= 0) {
            throw new ProjectException(path + ": freshness." + key + ".count must be a positive number; got "
                    + node.path("count"));
        }
        return switch (period) {
            case "minute" -> java.time.Duration.ofMinutes(count);
            case "hour" -> java.time.Duration.ofHours(count);
            case "day" -> java.time.Duration.ofDays(count);
            default -> throw new ProjectException(path + ": freshness." + key + ".period is minute, hour or day; got '"
                    + period + "'");
        };
    }

    private static Map<String, List<String>> sources(JsonNode node) {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> sources.put(entry.getKey(), MetadataParser.strings(entry.getValue())));
        return sources;
    }

    private static Map<String, String> vars(JsonNode node) {
        Map<String, String> vars = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            vars.put(entry.getKey(), entry.getValue().asText());
        }
        return vars;
    }
}
