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
        return test.kind() != DataTestSpec.Kind.UNIQUE && test.kind() != DataTestSpec.Kind.RELATIONSHIPS;
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
        return switch (test.kind()) {
            case UNIQUE -> "SELECT " + test.column() + ", count(*) AS occurrences FROM " + relation + " WHERE "
                    + test.column() + " IS NOT NULL GROUP BY " + test.column() + " HAVING count(*) > 1";
            case RELATIONSHIPS -> "SELECT child." + test.column() + " FROM " + relation + " AS child LEFT JOIN "
                    + relationOf.apply(test.toModel()) + " AS parent ON child." + test.column() + " = parent."
                    + test.toField() + " WHERE child." + test.column() + " IS NOT NULL AND parent." + test.toField()
                    + " IS NULL";
            default -> "SELECT * FROM " + relation + " WHERE " + failingCondition(test);
        };
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
