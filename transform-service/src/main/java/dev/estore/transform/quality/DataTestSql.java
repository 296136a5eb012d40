package dev.estore.transform.quality;

import dev.estore.transform.project.DataTestSpec;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The SQL of each data test, in portable SQL. Row-level tests are a condition that a failing row meets, so all
 * of a model's row-level tests can share one scan; the others are queries returning the failing rows.
 */
final class DataTestSql {

    private DataTestSql() {
    }

    static boolean isRowLevel(DataTestSpec test) {
        return test.kind() != DataTestSpec.Kind.UNIQUE && test.kind() != DataTestSpec.Kind.RELATIONSHIPS
                && test.kind() != DataTestSpec.Kind.SINGULAR && test.kind() != DataTestSpec.Kind.GENERIC;
    }

    /** The condition under which one row of the model fails a row-level test. */
    static String failingCondition(DataTestSpec test) {
        return switch (test.kind()) {
            case NOT_NULL -> test.column() + " IS NULL";
            case NON_NEGATIVE -> test.column() + " < 0";
            case ACCEPTED_VALUES -> test.column() + " IS NOT NULL AND " + test.column() + " NOT IN ("
                    + test.acceptedValues().stream().map(DataTestSql::quote).collect(Collectors.joining(", "))
                    + ")";
            case EXPRESSION -> "NOT (" + test.expression() + ")";
            default -> throw new IllegalArgumentException(test.kind() + " is not a row-level test");
        };
    }

    /** A query returning the rows that fail the test. {@code relationOf} maps a model name to its relation. */
    static String failingRows(DataTestSpec test, String relation, UnaryOperator<String> relationOf) {
        return failingRows(test, relation, relationOf, relationOf);
    }

    /**
     * As {@link #failingRows(DataTestSpec, String, UnaryOperator)}; {@code testedRowsOf} maps a model name to the
     * rows of it a singular test's tested_rows() reads.
     */
    static String failingRows(DataTestSpec test, String relation, UnaryOperator<String> relationOf,
            UnaryOperator<String> testedRowsOf) {
        return switch (test.kind()) {
            case UNIQUE -> "SELECT " + test.column() + ", count(*) AS occurrences FROM " + relation + " WHERE "
                    + test.column() + " IS NOT NULL GROUP BY " + test.column() + " HAVING count(*) > 1";
            case RELATIONSHIPS -> "SELECT child." + test.column() + " FROM " + relation + " AS child LEFT JOIN "
                    + relationOf.apply(test.toModel()) + " AS parent ON child." + test.column() + " = parent."
                    + test.toField() + " WHERE child." + test.column() + " IS NOT NULL AND parent." + test.toField()
                    + " IS NULL";
            case SINGULAR -> withRelations(test.expression(), relationOf, testedRowsOf);
            case GENERIC -> test.expression().replace(DataTestSpec.MODEL_MARKER, relation);
            default -> "SELECT * FROM " + relation + " WHERE " + failingCondition(test);
        };
    }

    /**
     * A singular test's SQL with each ref marker replaced by the relation the run reads for that model, and each
     * tested_rows marker by the rows of it the run tests.
     */
    private static String withRelations(String sql, UnaryOperator<String> relationOf,
            UnaryOperator<String> testedRowsOf) {
        java.util.regex.Matcher markers = java.util.regex.Pattern.compile("__(ref|tested)__([A-Za-z0-9_]+?)__")
                .matcher(sql);
        StringBuilder resolved = new StringBuilder();
        while (markers.find()) {
            UnaryOperator<String> resolver = markers.group(1).equals("ref") ? relationOf : testedRowsOf;
            markers.appendReplacement(resolved, java.util.regex.Matcher.quoteReplacement(
                    resolver.apply(markers.group(2))));
        }
        return markers.appendTail(resolved).toString();
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
