package dev.estore.semantic.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The comparisons a filter can make; values are always bound parameters. */
public enum FilterOperator {
    EQ("=", 1), NEQ("<>", 1), GT(">", 1), GTE(">=", 1), LT("<", 1), LTE("<=", 1),
    IN("IN", -1), NOT_IN("NOT IN", -1), BETWEEN("BETWEEN", 2), IS_NULL("IS NULL", 0), IS_NOT_NULL("IS NOT NULL", 0);

    private static final List<String> SYMBOLS = List.of("=", "!=", ">", ">=", "<", "<=");
    final String sql;
    /** How many values the operator takes; -1 for one or more. */
    final int arity;

    FilterOperator(String sql, int arity) {
        this.sql = sql;
        this.arity = arity;
    }

    public static FilterOperator parse(String text) {
        if (text == null) {
            throw new QueryException("a filter has no op; ops: " + names());
        }
        int symbol = SYMBOLS.indexOf(text.trim());
        if (symbol >= 0) {
            return values()[symbol];
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new QueryException("unknown filter op '" + text + "'; ops: " + names());
        }
    }

    static List<String> names() {
        return Arrays.stream(values()).map(op -> op.name().toLowerCase(Locale.ROOT)).toList();
    }
}
