package dev.estore.semantic.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column a custom field's SQL uses: {@code ${column}} (of the field's own view) or {@code ${view.column}}.
 * Only identifiers are allowed inside the braces, so expanding a reference can never inject SQL.
 */
public record ColumnRef(String view, String column) {

    static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public String qualified() {
        return view + "." + column;
    }

    /** Parses one reference's text ({@code column} or {@code view.column}) as seen from {@code ownView}. */
    public static ColumnRef parse(String text, String ownView, String where) {
        String[] parts = text.trim().split("\\.");
        for (String part : parts) {
            if (!IDENTIFIER.matcher(part).matches()) {
                throw new SemanticModelException(where + ": ${" + text + "} is not a column reference; write "
                        + "${column} or ${view.column} with plain identifiers");
            }
        }
        return switch (parts.length) {
            case 1 -> new ColumnRef(ownView, parts[0]);
            case 2 -> new ColumnRef(parts[0], parts[1]);
            default -> throw new SemanticModelException(where + ": ${" + text + "} has more than one dot; write "
                    + "${column} or ${view.column}");
        };
    }

    /** Every reference in an SQL template, in order. */
    public static List<ColumnRef> allIn(String sql, String ownView, String where) {
        List<ColumnRef> refs = new ArrayList<>();
        if (sql == null) {
            return refs;
        }
        Matcher matcher = REFERENCE.matcher(sql);
        while (matcher.find()) {
            refs.add(parse(matcher.group(1), ownView, where));
        }
        return refs;
    }

    /** The template with each reference replaced by {@code alias.column}, the alias being the view's name. */
    public static String expand(String sql, String ownView) {
        Matcher matcher = REFERENCE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            ColumnRef ref = parse(matcher.group(1), ownView, "sql");
            matcher.appendReplacement(out, Matcher.quoteReplacement(ref.view() + "." + ref.column()));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
