package dev.estore.transform.project;

import java.util.List;

/**
 * A data test declared in a model's metadata. {@code column} is null for model-level tests (expressions).
 */
public record DataTestSpec(Kind kind, String column, List<String> acceptedValues, String toModel, String toField,
        String expression, Severity severity) {

    public enum Kind {
        NOT_NULL, UNIQUE, ACCEPTED_VALUES, RELATIONSHIPS, EXPRESSION, NON_NEGATIVE
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
        this(kind, column, acceptedValues, toModel, toField, expression, Severity.ERROR);
    }

    public DataTestSpec withSeverity(Severity newSeverity) {
        return new DataTestSpec(kind, column, acceptedValues, toModel, toField, expression, newSeverity);
    }

    /** The test's name as it appears in run results: {@code not_null(fct_events.event_id)}. */
    public String describe(String model) {
        return switch (kind) {
            case EXPRESSION -> "expression(" + model + ": " + expression + ")";
            case RELATIONSHIPS -> "relationships(" + model + "." + column + " -> " + toModel + "." + toField + ")";
            case ACCEPTED_VALUES -> "accepted_values(" + model + "." + column + " in " + acceptedValues + ")";
            default -> kind.name().toLowerCase() + "(" + model + "." + column + ")";
        };
    }
}
