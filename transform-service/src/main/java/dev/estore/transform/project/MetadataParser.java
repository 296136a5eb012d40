package dev.estore.transform.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.estore.shared.definitions.KnownKeys;
import dev.estore.transform.sql.SqlTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model's YAML metadata (the file beside its SQL). The format follows dbt's schema files where it can:
 * {@code description}, {@code materialized}, {@code unique_key}, {@code partition_by}, {@code cluster_by},
 * {@code columns} with {@code tests}, model-level {@code tests}, {@code incremental_predicates}, {@code post_hook},
 * {@code tags} (for selectors: {@code tag:x}),
 * plus {@code reports} and {@code sort_on_write} (DuckDB's write order, see ModelDefinition).
 */
final class MetadataParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MetadataParser() {
    }

    static JsonNode readYaml(String path, String text) {
        try {
            JsonNode node = YAML.readTree(text);
            return node == null || node.isMissingNode() ? YAML.createObjectNode() : node;
        } catch (IOException e) {
            throw new ProjectException(path + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    /**
     * {@code incremental.batch_size}: only {@code day}, and only for insert_overwrite by a day partition, whose
     * rows of a day depend on that day alone (what writing days in separate statements needs).
     */
    private static boolean batchedByDay(String batchSize, IncrementalStrategy strategy, PartitionSpec partition,
            String yamlPath) {
        if (batchSize == null) {
            return false;
        }
        if (!batchSize.equals("day")) {
            throw new ProjectException(yamlPath + ": incremental.batch_size is '" + batchSize + "'; the one batch "
                    + "size supported is day");
        }
        if (strategy != IncrementalStrategy.INSERT_OVERWRITE || !partition.granularity().equals("day")) {
            throw new ProjectException(yamlPath + ": incremental.batch_size: day needs strategy insert_overwrite "
                    + "with a day partition_by (a batch of days replaces exactly its own partitions)");
        }
        return true;
    }

    /** The keys of each part of a model's YAML; anything else stops the project load (KnownKeys). */
    private static final Set<String> MODEL_KEYS = Set.of("description", "materialized", "schema", "incremental",
            "unique_key", "partition_by", "cluster_by", "window_column", "status_change", "columns", "tests",
            "data_tests", "reports", "incremental_predicates", "post_hook", "tags", "unit_tests", "sort_on_write");
    private static final Set<String> INCREMENTAL_KEYS = Set.of("strategy", "replace_by", "replace_where",
            "also_reads", "tested_rows", "batch_size");
    private static final Set<String> PARTITION_KEYS = Set.of("field", "data_type", "granularity");
    private static final Set<String> STATUS_CHANGE_KEYS = Set.of("when", "dates_from", "date_column");
    private static final Set<String> COLUMN_KEYS = Set.of("name", "description", "tests", "data_tests");
    private static final Set<String> REPORT_KEYS = Set.of("name", "description", "sql");

    static ModelDefinition parse(String name, String defaultSchema, String sqlPath, String sql, String yamlPath,
            JsonNode meta) {
        return parse(name, defaultSchema, sqlPath, sql, yamlPath, meta, Map.of());
    }

    /** {@code generics}: the project's user-defined generic tests (tests/generic/NAME.sql), by name. */
    static ModelDefinition parse(String name, String defaultSchema, String sqlPath, String sql, String yamlPath,
            JsonNode meta, Map<String, String> generics) {
        requireKnown(yamlPath, "", meta, MODEL_KEYS);
        requireKnown(yamlPath, "incremental", meta.path("incremental"), INCREMENTAL_KEYS);
        requireKnown(yamlPath, "partition_by", meta.path("partition_by"), PARTITION_KEYS);
        requireKnown(yamlPath, "status_change", meta.path("status_change"), STATUS_CHANGE_KEYS);
        Materialization materialization = enumOf(Materialization.class, text(meta, "materialized", "view"),
                yamlPath, "materialized");
        JsonNode incrementalNode = meta.path("incremental");
        IncrementalStrategy strategy = materialization == Materialization.INCREMENTAL
                ? IncrementalStrategy.parse(text(incrementalNode, "strategy", "merge"), yamlPath)
                : null;
        List<String> uniqueKey = strings(meta.path("unique_key"));
        PartitionSpec partition = meta.hasNonNull("partition_by")
                ? new PartitionSpec(required(meta.path("partition_by"), "field", yamlPath),
                        text(meta.path("partition_by"), "data_type", "date"),
                        text(meta.path("partition_by"), "granularity", "day"))
                : null;
        if (strategy == IncrementalStrategy.MERGE && uniqueKey.isEmpty()) {
            throw new ProjectException(yamlPath + ": an incremental model with strategy merge needs unique_key");
        }
        if (strategy == IncrementalStrategy.INSERT_OVERWRITE && partition == null) {
            throw new ProjectException(yamlPath + ": strategy insert_overwrite needs partition_by: {field: ...}");
        }
        String replaceBy = text(incrementalNode, "replace_by", null);
        if (strategy == IncrementalStrategy.FOLD && replaceBy == null) {
            // a fold replaces the rows of the keys it returns: by default its one-column unique key
            if (uniqueKey.size() != 1) {
                throw new ProjectException(yamlPath + ": strategy fold needs a one-column unique_key or "
                        + "incremental.replace_by: the column whose values name the state rows a build replaces");
            }
            replaceBy = uniqueKey.get(0);
        }
        if (strategy == IncrementalStrategy.DELETE_INSERT && replaceBy == null) {
            throw new ProjectException(yamlPath + ": strategy delete+insert needs incremental.replace_by: the "
                    + "expression that names the group of rows a build replaces");
        }
        List<String> predicates = strings(meta.path("incremental_predicates"));
        if (!predicates.isEmpty() && strategy != IncrementalStrategy.DELETE_INSERT
                && strategy != IncrementalStrategy.FOLD) {
            throw new ProjectException(yamlPath + ": incremental_predicates narrow the delete of a delete+insert or "
                    + "fold model; this model is " + (strategy == null ? materialization.name().toLowerCase()
                            : "incremental with strategy " + strategy.yamlName()));
        }
        boolean batchedByDay = batchedByDay(text(incrementalNode, "batch_size", null), strategy, partition, yamlPath);
        if (batchedByDay && incrementalNode.hasNonNull("also_reads")) {
            throw new ProjectException(yamlPath + ": incremental.batch_size: day says a day's rows depend on that day "
                    + "alone, and also_reads says the build reads other days: drop one of them");
        }
        IncrementalConfig incremental = strategy == null ? null
                : new IncrementalConfig(strategy, replaceBy, text(incrementalNode, "replace_where", null),
                        text(incrementalNode, "also_reads", null), text(incrementalNode, "tested_rows", null),
                        predicates, batchedByDay);
        String windowColumn = text(meta, "window_column",
                strategy == IncrementalStrategy.INSERT_OVERWRITE ? partition.field() : null);
        StatusChange statusChange = null;
        if (meta.hasNonNull("status_change")) {
            JsonNode node = meta.path("status_change");
            if ((strategy != IncrementalStrategy.MERGE && strategy != IncrementalStrategy.FOLD)
                    || uniqueKey.size() != 1) {
                throw new ProjectException(yamlPath + ": status_change belongs to an incremental merge or fold "
                        + "model with one unique_key column");
            }
            statusChange = new StatusChange(required(node, "when", yamlPath), required(node, "dates_from", yamlPath),
                    text(node, "date_column", "event_date"));
        }
        List<ColumnSpec> columns = columns(meta.path("columns"), yamlPath, generics);
        List<ReportSpec> reports = new ArrayList<>();
        for (JsonNode report : meta.path("reports")) {
            requireKnown(yamlPath, "a report", report, REPORT_KEYS);
            reports.add(new ReportSpec(required(report, "name", yamlPath), text(report, "description", ""),
                    required(report, "sql", yamlPath)));
        }
        return new ModelDefinition(name, text(meta, "schema", defaultSchema), sqlPath, sql,
                text(meta, "description", ""), materialization, incremental, uniqueKey, partition,
                strings(meta.path("cluster_by")), columns, tests(testsOf(meta, yamlPath), null, yamlPath, generics), reports,
                new SqlTemplate(sqlPath, sql).refs(), new SqlTemplate(sqlPath, sql).readsSources(), windowColumn,
                statusChange, strings(meta.path("post_hook")), strings(meta.path("tags")),
                flag(meta, "sort_on_write", true, yamlPath));
    }

    /**
     * Columns as this project writes them (a map of name to column) or as dbt does (a list of {@code - name: x});
     * both give the same columns and tests.
     */
    private static List<ColumnSpec> columns(JsonNode node, String path, Map<String, String> generics) {
        List<ColumnSpec> columns = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode column : node) {
                columns.add(column(required(column, "name", path), column, path, generics));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(entry -> columns.add(column(entry.getKey(), entry.getValue(), path,
                    generics)));
        } else if (!node.isMissingNode() && !node.isNull()) {
            throw new ProjectException(path + ": columns is a map (user_id: {tests: [...]}) or a list "
                    + "(- name: user_id); got " + node);
        }
        return columns;
    }

    private static ColumnSpec column(String name, JsonNode column, String path, Map<String, String> generics) {
        requireKnown(path, "column " + name, column, COLUMN_KEYS);
        return new ColumnSpec(name, text(column, "description", ""), tests(testsOf(column, path), name, path,
                generics));
    }

    /** {@code tests}, or {@code data_tests} as dbt 1.8 names them; not both. */
    private static JsonNode testsOf(JsonNode node, String path) {
        if (node.has("tests") && node.has("data_tests")) {
            throw new ProjectException(path + ": give tests or data_tests, not both");
        }
        return node.has("data_tests") ? node.path("data_tests") : node.path("tests");
    }

    private static void requireKnown(String path, String where, JsonNode node, Set<String> allowed) {
        KnownKeys.problem(path, where, node, allowed).ifPresent(problem -> {
            throw new ProjectException(problem);
        });
    }

    private static List<DataTestSpec> tests(JsonNode list, String column, String path, Map<String, String> generics) {
        List<DataTestSpec> tests = new ArrayList<>();
        for (JsonNode test : list) {
            if (test.isTextual()) {
                tests.add(generics.containsKey(test.asText())
                        ? generic(test.asText(), generics.get(test.asText()), column, YAML.createObjectNode())
                        : simple(test.asText(), column, path));
                continue;
            }
            if (!test.isObject() || test.size() != 1) {
                throw new ProjectException(path + ": a test is a name (not_null) or one name with its arguments "
                        + "(accepted_values: {values: [...]}); got " + test);
            }
            Map.Entry<String, JsonNode> entry = test.fields().next();
            JsonNode arguments = entry.getValue();
            String name = entry.getKey();
            if (arguments.isObject() && !generics.containsKey(name)) {
                requireKnown(path, name, arguments, switch (name) {
                    case "accepted_values" -> Set.of("values", "config");
                    case "relationships" -> Set.of("to", "field", "config");
                    case "expression" -> Set.of("expression", "config");
                    default -> Set.of("config");
                });
            }
            if (arguments.isObject()) {
                requireKnown(path, name + ".config", arguments.path("config"), TEST_CONFIG_KEYS);
            }
            DataTestSpec spec = switch (name) {
                case "accepted_values" -> new DataTestSpec(DataTestSpec.Kind.ACCEPTED_VALUES,
                        requireColumn(column, "accepted_values", path), acceptedValues(arguments, path), null, null,
                        null);
                case "relationships" -> new DataTestSpec(DataTestSpec.Kind.RELATIONSHIPS,
                        requireColumn(column, "relationships", path), List.of(), required(arguments, "to", path),
                        required(arguments, "field", path), null);
                case "expression" -> new DataTestSpec(DataTestSpec.Kind.EXPRESSION, column, List.of(), null, null,
                        arguments.isObject() ? required(arguments, "expression", path) : arguments.asText());
                default -> generics.containsKey(name) ? generic(name, generics.get(name), column, arguments)
                        : simple(name, column, path);
            };
            JsonNode config = arguments.path("config");
            String warnIf = threshold(config, "warn_if", path, name);
            String errorIf = threshold(config, "error_if", path, name);
            tests.add(spec.withSeverity(enumOf(DataTestSpec.Severity.class, text(config, "severity", "error"), path,
                    name + ".config.severity")).withConfig(new DataTestSpec.Config(text(config, "where", null),
                            warnIf, errorIf)));
        }
        return tests;
    }

    /** dbt's test config keys this project reads. */
    private static final Set<String> TEST_CONFIG_KEYS = Set.of("severity", "where", "warn_if", "error_if");

    private static String threshold(JsonNode config, String key, String path, String test) {
        String value = text(config, key, "!=0");
        try {
            DataTestSpec.Config.meets(value, 0);
        } catch (IllegalArgumentException e) {
            throw new ProjectException(path + ": " + test + ".config." + key + ": " + e.getMessage());
        }
        return value;
    }

    /**
     * A user-defined generic test applied here: {@code {{ column_name }}} and each argument ({@code {{ min }}} for
     * {@code min: 0}) filled in, {@code {{ model }}} left for the run to fill with the rows under test.
     */
    private static DataTestSpec generic(String name, String template, String column, JsonNode arguments) {
        String sql = template.replaceAll("\\{\\{\\s*model\\s*}}", DataTestSpec.MODEL_MARKER)
                .replaceAll("\\{\\{\\s*column_name\\s*}}", column == null ? "" : column);
        java.util.Iterator<Map.Entry<String, JsonNode>> fields = arguments.isObject() ? arguments.fields()
                : java.util.Collections.emptyIterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> argument = fields.next();
            if (!argument.getKey().equals("config")) {
                sql = sql.replaceAll("\\{\\{\\s*" + java.util.regex.Pattern.quote(argument.getKey()) + "\\s*}}",
                        java.util.regex.Matcher.quoteReplacement(argument.getValue().asText()));
            }
        }
        return DataTestSpec.generic(name, column, sql);
    }

    private static List<String> acceptedValues(JsonNode arguments, String path) {
        JsonNode values = arguments.isArray() ? arguments : arguments.get("values");
        if (values == null || !values.isArray() || values.isEmpty()) {
            throw new ProjectException(path + ": accepted_values needs a non-empty list: "
                    + "accepted_values: {values: [a, b]}; got " + arguments);
        }
        return strings(values);
    }

    private static DataTestSpec simple(String name, String column, String path) {
        DataTestSpec.Kind kind = switch (name) {
            case "not_null" -> DataTestSpec.Kind.NOT_NULL;
            case "unique" -> DataTestSpec.Kind.UNIQUE;
            case "non_negative" -> DataTestSpec.Kind.NON_NEGATIVE;
            default -> throw new ProjectException(path + ": unknown test '" + name
                    + "'; known: not_null, unique, non_negative, accepted_values, relationships, expression");
        };
        return new DataTestSpec(kind, requireColumn(column, name, path), List.of(), null, null, null);
    }

    private static String requireColumn(String column, String test, String path) {
        if (column == null) {
            throw new ProjectException(path + ": test '" + test + "' belongs under a column's tests");
        }
        return column;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String path, String key) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProjectException(path + ": " + key + " '" + value + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase()).toList());
        }
    }

    /** A true/false key; anything else (a typo such as {@code flase}) stops the load rather than meaning the default. */
    private static boolean flag(JsonNode node, String key, boolean fallback, String path) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new ProjectException(path + ": " + key + " is true or false, not '" + value.asText() + "'");
        }
        return value.booleanValue();
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static String required(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new ProjectException(path + ": '" + key + "' is required here");
        }
        return value.asText();
    }

    static List<String> strings(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            return List.of(node.asText());
        }
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
