package dev.estore.snapshot.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one snapshot definition file and checks it on its own (the warehouse check comes at run time). Every
 * name ends up in SQL, so each must be a plain identifier; every error names the file.
 */
final class DefinitionParser {

    static final String DEFAULTS_KEY = "defaults";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> FIELDS = Set.of("name", "description", "source", "target", "unique_key",
            "strategy", "check_cols", "updated_at", "columns", "invalidate_hard_deletes", "migration_column");
    private static final Set<String> DEFAULT_FIELDS = Set.of("target_schema", "invalidate_hard_deletes");

    private DefinitionParser() {
    }

    /** What {@code snapshots.yml} sets for every definition that does not say otherwise. */
    record Defaults(String targetSchema, boolean invalidateHardDeletes) {

        static final Defaults BUILT_IN = new Defaults("snapshots", true);
    }

    static JsonNode readYaml(String file, String text) {
        try {
            JsonNode node = YAML.readTree(text);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new DefinitionException(file + ": expected a mapping of fields, got " + node.getNodeType());
            }
            return node;
        } catch (IOException e) {
            throw new DefinitionException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    static Defaults defaults(String file, JsonNode root) {
        JsonNode node = root.path(DEFAULTS_KEY);
        if (node.isMissingNode() || node.isNull()) {
            return Defaults.BUILT_IN;
        }
        rejectUnknown(file, node, DEFAULT_FIELDS, DEFAULTS_KEY + ".");
        return new Defaults(
                identifier(file, DEFAULTS_KEY + ".target_schema",
                        text(node, "target_schema", Defaults.BUILT_IN.targetSchema())),
                bool(file, node, "invalidate_hard_deletes", Defaults.BUILT_IN.invalidateHardDeletes()));
    }

    static SnapshotDefinition parse(String file, String fileName, JsonNode node, Defaults defaults) {
        rejectUnknown(file, node, FIELDS, "");
        String name = identifier(file, "name", text(node, "name", fileName));
        if (!name.equals(fileName)) {
            throw new DefinitionException(file + ": name '" + name + "' differs from the file name; name the file "
                    + name + ".yml or drop the name field");
        }
        TableRef source = table(file, node.path("source"), "source", null);
        TableRef target = table(file, node.path("target"), "target", new TableRef(defaults.targetSchema(), name));
        List<String> uniqueKey = identifiers(file, "unique_key", node.path("unique_key"));
        if (uniqueKey.isEmpty()) {
            throw new DefinitionException(file + ": unique_key is required (a column, or a list of columns)");
        }
        Strategy strategy = strategy(file, node);
        boolean checkAll = false;
        List<String> checkCols = List.of();
        String updatedAt = null;
        if (strategy == Strategy.CHECK) {
            if (node.has("updated_at")) {
                throw new DefinitionException(file + ": updated_at belongs to strategy timestamp; strategy check "
                        + "compares check_cols");
            }
            JsonNode cols = node.path("check_cols");
            checkAll = cols.isTextual() && cols.asText().equals("all");
            checkCols = checkAll ? List.of() : identifiers(file, "check_cols", cols);
            if (!checkAll && checkCols.isEmpty()) {
                throw new DefinitionException(file + ": strategy check needs check_cols: a list of columns, or all");
            }
        } else {
            if (node.has("check_cols")) {
                throw new DefinitionException(file + ": check_cols belongs to strategy check; strategy timestamp "
                        + "compares the updated_at column");
            }
            if (!node.hasNonNull("updated_at")) {
                throw new DefinitionException(file + ": strategy timestamp needs updated_at: the source column "
                        + "whose newer value means the row changed");
            }
            updatedAt = identifier(file, "updated_at", node.get("updated_at").asText());
        }
        List<String> columns = identifiers(file, "columns", node.path("columns"));
        if (!columns.isEmpty()) {
            LinkedHashSet<String> carried = new LinkedHashSet<>(uniqueKey);
            carried.addAll(columns);
            carried.addAll(checkCols);
            columns = List.copyOf(carried);
        }
        String migrationColumn = node.hasNonNull("migration_column")
                ? identifier(file, "migration_column", node.get("migration_column").asText()) : null;
        if (migrationColumn != null && !columns.isEmpty() && !contains(columns, migrationColumn)) {
            throw new DefinitionException(file + ": migration_column '" + migrationColumn
                    + "' is not among the carried columns " + columns);
        }
        List<String> named = new ArrayList<>(columns);
        named.addAll(uniqueKey);
        named.addAll(checkCols);
        for (String column : named) {
            if (contains(SnapshotDefinition.VERSION_COLUMNS, column)) {
                throw new DefinitionException(file + ": column '" + column + "' clashes with the snapshot's own "
                        + "columns " + SnapshotDefinition.VERSION_COLUMNS);
            }
        }
        return new SnapshotDefinition(name, file, text(node, "description", ""), source, target, uniqueKey, strategy,
                checkCols, checkAll, updatedAt, columns,
                bool(file, node, "invalidate_hard_deletes", defaults.invalidateHardDeletes()), migrationColumn);
    }

    private static Strategy strategy(String file, JsonNode node) {
        if (!node.hasNonNull("strategy")) {
            throw new DefinitionException(file + ": strategy is required: check or timestamp");
        }
        String value = node.get("strategy").asText();
        try {
            return Strategy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(file + ": strategy '" + value + "' is not one of check, timestamp");
        }
    }

    /** {@code {schema: marts, table: dim_users}}, or {@code marts.dim_users}. */
    private static TableRef table(String file, JsonNode node, String field, TableRef fallback) {
        if (node.isMissingNode() || node.isNull()) {
            if (fallback == null) {
                throw new DefinitionException(file + ": " + field + " is required: {schema: ..., table: ...}");
            }
            return fallback;
        }
        if (node.isTextual() && node.asText().split("\\.").length == 2) {
            String[] parts = node.asText().split("\\.");
            return new TableRef(identifier(file, field + ".schema", parts[0]),
                    identifier(file, field + ".table", parts[1]));
        }
        if (!node.isObject()) {
            throw new DefinitionException(file + ": " + field + " must be {schema: ..., table: ...}, got " + node);
        }
        rejectUnknown(file, node, Set.of("schema", "table"), field + ".");
        String schema = text(node, "schema", fallback == null ? null : fallback.schema());
        String table = text(node, "table", fallback == null ? null : fallback.table());
        if (schema == null || table == null) {
            throw new DefinitionException(file + ": " + field + " needs both schema and table");
        }
        return new TableRef(identifier(file, field + ".schema", schema), identifier(file, field + ".table", table));
    }

    private static void rejectUnknown(String file, JsonNode node, Set<String> known, String prefix) {
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw new DefinitionException(file + ": unknown field '" + prefix + field + "'; known: "
                        + known.stream().sorted().toList());
            }
        });
    }

    private static List<String> identifiers(String file, String field, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(identifier(file, field, value.asText())));
        } else if (node.isValueNode()) {
            values.add(identifier(file, field, node.asText()));
        } else {
            throw new DefinitionException(file + ": " + field + " must be a column or a list of columns, got " + node);
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw new DefinitionException(file + ": " + field + " lists a column twice: " + values);
        }
        return values;
    }

    private static String identifier(String file, String field, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new DefinitionException(file + ": " + field + " '" + value + "' is not a plain identifier "
                    + "(letters, digits, underscores)");
        }
        return value;
    }

    private static boolean bool(String file, JsonNode node, String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new DefinitionException(file + ": " + field + " must be true or false, got " + value);
        }
        return value.booleanValue();
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    static boolean contains(List<String> columns, String column) {
        return columns.stream().anyMatch(candidate -> candidate.equalsIgnoreCase(column));
    }
}
