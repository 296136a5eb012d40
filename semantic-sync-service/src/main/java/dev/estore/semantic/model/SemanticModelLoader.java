package dev.estore.semantic.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.estore.shared.definitions.KnownKeys;
import dev.estore.shared.ports.Warehouse.ValueKind;
import dev.estore.shared.resources.ClasspathFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the semantic model: {@code topics.yml} and one file per view in {@code views/} (the file name is the
 * view's name). Checks what can be checked without the warehouse: known views, join paths, measure references,
 * cross-view column references; the columns themselves are checked against the warehouse on every sync.
 */
public final class SemanticModelLoader {

    public static final String CLASSPATH_ROOT = "semantic";
    public static final String TOPICS_FILE = "topics.yml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SemanticModelLoader() {
    }

    public static SemanticModel fromClasspath() {
        try {
            return ClasspathFolder.read(CLASSPATH_ROOT, TOPICS_FILE, SemanticModelLoader::fromDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("The packaged semantic model cannot be read: " + e.getMessage(), e);
        }
    }

    /** The keys of each part of the layer's files; anything else stops the load (KnownKeys). */
    private static final Set<String> TOPICS_FILE_KEYS = Set.of("topics");
    private static final Set<String> TOPIC_KEYS = Set.of("description", "base_view", "joins");
    private static final Set<String> JOIN_KEYS = Set.of("view", "from", "on", "relationship");
    private static final Set<String> VIEW_KEYS = Set.of("table", "primary_key", "description", "dimensions",
            "measures");
    private static final Set<String> DIMENSION_KEYS = Set.of("type", "sql", "description", "window", "expects");
    private static final Set<String> MEASURE_KEYS = Set.of("type", "sql", "numerator", "denominator",
            "description", "expects");

    public static SemanticModel fromDirectory(Path folder) throws IOException {
        Map<String, ViewDefinition> views = new LinkedHashMap<>();
        Path viewsFolder = folder.resolve("views");
        if (Files.isDirectory(viewsFolder)) {
            try (Stream<Path> files = Files.list(viewsFolder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList()) {
                    ViewDefinition view = view(file, "views/" + file.getFileName());
                    views.put(view.name(), view);
                }
            }
        }
        Path topicsFile = folder.resolve(TOPICS_FILE);
        JsonNode topicsRoot = read(topicsFile, TOPICS_FILE);
        requireKnown(TOPICS_FILE, "", topicsRoot, TOPICS_FILE_KEYS);
        JsonNode topicsNode = topicsRoot.path("topics");
        Map<String, TopicDefinition> topics = new LinkedHashMap<>();
        topicsNode.fields().forEachRemaining(entry -> topics.put(entry.getKey(),
                topic(entry.getKey(), entry.getValue(), views)));
        if (topics.isEmpty()) {
            throw new SemanticModelException(TOPICS_FILE + ": no topics under 'topics:'");
        }
        SemanticModel model = new SemanticModel(views, topics);
        checkReferences(model);
        return model;
    }

    private static JsonNode read(Path file, String name) throws IOException {
        try {
            JsonNode node = YAML.readTree(Files.readString(file));
            return node == null ? YAML.createObjectNode() : node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SemanticModelException(name + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static ViewDefinition view(Path file, String name) throws IOException {
        String viewName = file.getFileName().toString().replaceFirst("\\.yml$", "");
        JsonNode node = read(file, name);
        requireKnown(name, "", node, VIEW_KEYS);
        String table = required(node, "table", name);
        String[] parts = table.split("\\.");
        if (parts.length != 2) {
            throw new SemanticModelException(name + ": table '" + table + "' must be schema.table, e.g. "
                    + "marts.fct_sessions");
        }
        String primaryKey = required(node, "primary_key", name);
        Map<String, CustomDimension> dimensions = new LinkedHashMap<>();
        node.path("dimensions").fields().forEachRemaining(entry -> dimensions.put(entry.getKey(),
                dimension(viewName, entry.getKey(), entry.getValue(), name)));
        Map<String, MeasureDefinition> measures = new LinkedHashMap<>();
        node.path("measures").fields().forEachRemaining(entry -> measures.put(entry.getKey(),
                measure(viewName, entry.getKey(), entry.getValue(), name)));
        return new ViewDefinition(viewName, name, parts[0], parts[1], primaryKey, text(node, "description"),
                dimensions, measures);
    }

    private static CustomDimension dimension(String view, String field, JsonNode node, String file) {
        String where = file + ": dimension " + field;
        requireKnown(file, "dimension " + field, node, DIMENSION_KEYS);
        String sql = required(node, "sql", where);
        ValueKind type;
        try {
            type = ValueKind.valueOf(required(node, "type", where).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SemanticModelException(where + ": type must be one of " + List.of(ValueKind.values()));
        }
        boolean window = node.path("window").asBoolean(false);
        List<ColumnRef> refs = ColumnRef.allIn(sql, view, where);
        if (window && refs.stream().anyMatch(ref -> !ref.view().equals(view))) {
            throw new SemanticModelException(where + ": a window dimension can only use columns of its own view");
        }
        return new CustomDimension(view, field, sql, type, text(node, "description"), window,
                expects(node, view, refs, where), refs);
    }

    private static MeasureDefinition measure(String view, String field, JsonNode node, String file) {
        String where = file + ": measure " + field;
        requireKnown(file, "measure " + field, node, MEASURE_KEYS);
        MeasureType type;
        try {
            type = MeasureType.parse(required(node, "type", where));
        } catch (IllegalArgumentException e) {
            throw new SemanticModelException(where + ": type must be one of " + List.of(MeasureType.values()));
        }
        String sql = text(node, "sql");
        if (type == MeasureType.RATIO) {
            return new MeasureDefinition(view, field, type, null, required(node, "numerator", where),
                    required(node, "denominator", where), text(node, "description"), Map.of(), List.of());
        }
        if (type != MeasureType.COUNT && sql == null) {
            throw new SemanticModelException(where + ": a " + type + " measure needs sql, e.g. sql: ${column}");
        }
        List<ColumnRef> refs = ColumnRef.allIn(sql, view, where);
        Map<ColumnRef, KindRequirement> expects = expects(node, view, refs, where);
        if ((type == MeasureType.SUM || type == MeasureType.AVG) && sql.matches("\\s*\\$\\{[^}]+}\\s*")) {
            // A plain sum or average of one column needs a number there.
            expects.putIfAbsent(refs.get(0), KindRequirement.NUMERIC);
        }
        return new MeasureDefinition(view, field, type, sql, null, null, text(node, "description"), expects, refs);
    }

    /** The declared kinds of the referenced columns; a column without one must merely exist. */
    private static Map<ColumnRef, KindRequirement> expects(JsonNode node, String view, List<ColumnRef> refs,
            String where) {
        Map<ColumnRef, KindRequirement> expects = new LinkedHashMap<>();
        refs.forEach(ref -> expects.put(ref, KindRequirement.ANY));
        node.path("expects").fields().forEachRemaining(entry -> {
            ColumnRef ref = ColumnRef.parse(entry.getKey(), view, where + " expects");
            if (!refs.contains(ref)) {
                throw new SemanticModelException(where + ": expects names " + ref.qualified()
                        + ", which its sql does not use");
            }
            try {
                expects.put(ref, KindRequirement.parse(entry.getValue().asText()));
            } catch (IllegalArgumentException e) {
                throw new SemanticModelException(where + ": expects " + ref.qualified() + ": '"
                        + entry.getValue().asText() + "' is not one of " + List.of(KindRequirement.values()));
            }
        });
        return expects;
    }

    private static TopicDefinition topic(String name, JsonNode node, Map<String, ViewDefinition> views) {
        String where = TOPICS_FILE + ": topic " + name;
        requireKnown(TOPICS_FILE, "topic " + name, node, TOPIC_KEYS);
        String base = required(node, "base_view", where);
        requireView(views, base, where + " base_view");
        List<JoinDefinition> joins = new ArrayList<>();
        List<String> reached = new ArrayList<>(List.of(base));
        for (JsonNode join : node.path("joins")) {
            requireKnown(TOPICS_FILE, "a join of topic " + name, join, JOIN_KEYS);
            String view = required(join, "view", where + " join");
            String from = join.hasNonNull("from") ? join.get("from").asText() : base;
            requireView(views, view, where + " join");
            if (!reached.contains(from)) {
                throw new SemanticModelException(where + ": the join of " + view + " starts from " + from
                        + ", which is not joined before it; list joins in the order they are reached");
            }
            if (reached.contains(view)) {
                throw new SemanticModelException(where + ": " + view + " is joined twice");
            }
            Map<String, String> on = new LinkedHashMap<>();
            join.path("on").fields().forEachRemaining(entry -> on.put(entry.getKey(), entry.getValue().asText()));
            if (on.isEmpty()) {
                throw new SemanticModelException(where + ": the join of " + view + " needs on: {from_column: "
                        + "view_column}");
            }
            JoinDefinition.Relationship relationship;
            String written = required(join, "relationship", where + " join " + view);
            try {
                relationship = JoinDefinition.Relationship.valueOf(written.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SemanticModelException(where + ": the join of " + view + " is " + written
                        + "; only many_to_one and one_to_one joins are allowed (a one-to-many join would "
                        + "multiply the base view's rows: make the many side the topic's base view instead)");
            }
            joins.add(new JoinDefinition(view, from, on, relationship));
            reached.add(view);
        }
        return new TopicDefinition(name, text(node, "description"), base, joins);
    }

    private static void requireKnown(String file, String where, JsonNode node, Set<String> allowed) {
        KnownKeys.problem(file, where, node, allowed).ifPresent(problem -> {
            throw new SemanticModelException(problem);
        });
    }

    private static void checkReferences(SemanticModel model) {
        for (ViewDefinition view : model.views().values()) {
            for (CustomDimension dimension : view.dimensions().values()) {
                dimension.references().forEach(ref -> requireView(model.views(), ref.view(),
                        view.file() + ": dimension " + dimension.name() + " uses ${" + ref.qualified() + "}"));
            }
            for (MeasureDefinition measure : view.measures().values()) {
                String where = view.file() + ": measure " + measure.name();
                measure.references().forEach(ref -> requireView(model.views(), ref.view(),
                        where + " uses ${" + ref.qualified() + "}"));
                if (measure.isRatio()) {
                    for (String part : List.of(measure.numerator(), measure.denominator())) {
                        MeasureDefinition target = resolveMeasure(model, view.name(), part, where);
                        if (target.isRatio()) {
                            throw new SemanticModelException(where + ": " + part + " is itself a ratio; a ratio "
                                    + "divides two aggregate measures");
                        }
                    }
                }
            }
        }
    }

    /** A measure named {@code measure} (of {@code ownView}) or {@code view.measure}. */
    public static MeasureDefinition resolveMeasure(SemanticModel model, String ownView, String name, String where) {
        String[] parts = name.split("\\.");
        String viewName = parts.length == 2 ? parts[0] : ownView;
        String measureName = parts[parts.length - 1];
        ViewDefinition view = requireView(model.views(), viewName, where + " (" + name + ")");
        MeasureDefinition measure = view.measures().get(measureName);
        if (measure == null) {
            throw new SemanticModelException(where + ": no measure " + name + "; " + viewName + " has "
                    + view.measures().keySet());
        }
        return measure;
    }

    private static ViewDefinition requireView(Map<String, ViewDefinition> views, String name, String where) {
        ViewDefinition view = views.get(name);
        if (view == null) {
            throw new SemanticModelException(where + ": no view " + name + " (views are the files in "
                    + CLASSPATH_ROOT + "/views: " + views.keySet() + ")");
        }
        return view;
    }

    private static String required(JsonNode node, String field, String where) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new SemanticModelException(where + ": '" + field + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText().strip();
    }
}
