package dev.estore.transform.project;

import java.util.List;

/**
 * A data test declared in a model's metadata. {@code column} is null for model-level tests (expressions).
 */
public record DataTestSpec(Kind kind, String column, List<String> acceptedValues, String toModel, String toField,
        String expression, Severity severity, Config config) {

    /**
     * dbt's other test configs: {@code where} (only the rows meeting it are tested), {@code warnIf} and
     * {@code errorIf} (conditions on the failing-row count, like {@code ">10"}; dbt's default {@code "!=0"}).
     */
    public record Config(String where, String warnIf, String errorIf) {

        public static final Config NONE = new Config(null, "!=0", "!=0");

        /** Whether {@code failing} meets a threshold such as {@code ">10"}, {@code ">=1"} or {@code "!=0"}. */
        public static boolean meets(String threshold, long failing) {
            java.util.regex.Matcher parts = THRESHOLD.matcher(threshold);
            if (!parts.matches()) {
                throw new IllegalArgumentException("'" + threshold + "' is not a threshold like >10, >=1 or !=0");
            }
            long limit = Long.parseLong(parts.group(2));
            return switch (parts.group(1)) {
                case ">" -> failing > limit;
                case ">=" -> failing >= limit;
                case "<" -> failing < limit;
                case "<=" -> failing <= limit;
                case "=", "==" -> failing == limit;
                default -> failing != limit;
            };
        }

        static final java.util.regex.Pattern THRESHOLD =
                java.util.regex.Pattern.compile("\\s*(>=|<=|!=|==|>|<|=)\\s*(\\d+)\\s*");
    }

    public enum Kind {
        NOT_NULL, UNIQUE, ACCEPTED_VALUES, RELATIONSHIPS, EXPRESSION, NON_NEGATIVE,
        /** dbt's singular test: a SELECT in the project's tests/ folder returning the failing rows. */
        SINGULAR,
        /** A user-defined generic test (tests/generic/NAME.sql), applied to a column in YAML like a built-in. */
        GENERIC
    }

    /** Where a generic test's SQL names the tested rows ({@code {{ model }}}) until the run gives the relation. */
    public static final String MODEL_MARKER = "__tested_model__";

    /**
     * A generic test applied to {@code column}: {@code name} (kept in {@code toField}), its SQL with
     * {@code {{ column_name }}} and its arguments filled in and {@code {{ model }}} as {@link #MODEL_MARKER}.
     */
    public static DataTestSpec generic(String name, String column, String sql) {
        return new DataTestSpec(Kind.GENERIC, column, List.of(), null, name, sql);
    }

    /** Marks a model's relation in a singular test's SQL until the run says which relation it is (its audit or not). */
    public static String refMarker(String model) {
        return "__ref__" + model + "__";
    }

    /** Marks the rows of a model a singular test checks ({{ tested_rows('model') }}) until the run names them. */
    public static String testedRowsMarker(String model) {
        return "__tested__" + model + "__";
    }

    /**
     * A singular test: {@code name} (its file name, kept in {@code column}), its SQL with every ref() written as
     * {@link #refMarker} and every tested_rows() as {@link #testedRowsMarker} (kept in {@code expression}).
     */
    public static DataTestSpec singular(String name, String sqlWithMarkers) {
        return new DataTestSpec(Kind.SINGULAR, name, List.of(), null, null, sqlWithMarkers);
    }

    /**
     * dbt's {@code config: {severity: ...}}: a failing {@code error} test keeps the model unpublished and skips what
     * depends on it; a failing {@code warn} test is reported (run record, log, ops.test_failures) and blocks nothing.
     */
    public enum Severity {
        ERROR, WARN
    }

    /** A test of severity error, the default. */
    public DataTestSpec(Kind kind, String column, List<String> acceptedValues, String toModel, String toField,
            String expression) {
        this(kind, column, acceptedValues, toModel, toField, expression, Severity.ERROR, Config.NONE);
    }

    public DataTestSpec withSeverity(Severity newSeverity) {
        return new DataTestSpec(kind, column, acceptedValues, toModel, toField, expression, newSeverity, config);
    }

    public DataTestSpec withConfig(Config newConfig) {
        return new DataTestSpec(kind, column, acceptedValues, toModel, toField, expression, severity, newConfig);
    }

    /**
     * What {@code failing} rows make of this test, as dbt decides it: an error when the severity is error and the
     * count meets error_if, else a warning when it meets warn_if, else a pass. Null for a pass.
     */
    public Severity outcome(long failing) {
        Config thresholds = config == null ? Config.NONE : config;
        if (severity != Severity.WARN && Config.meets(thresholds.errorIf(), failing)) {
            return Severity.ERROR;
        }
        return Config.meets(thresholds.warnIf(), failing) ? Severity.WARN : null;
    }

    /** The test's name as it appears in run results: {@code not_null(fct_events.event_id)}. */
    public String describe(String model) {
        return switch (kind) {
            case EXPRESSION -> "expression(" + model + ": " + expression + ")";
            case RELATIONSHIPS -> "relationships(" + model + "." + column + " -> " + toModel + "." + toField + ")";
            case ACCEPTED_VALUES -> "accepted_values(" + model + "." + column + " in " + acceptedValues + ")";
            case SINGULAR -> "singular(" + column + ")";
            case GENERIC -> toField + "(" + model + (column == null ? "" : "." + column) + ")";
            default -> kind.name().toLowerCase() + "(" + model + "." + column + ")";
        };
    }
}
