package dev.estore.transform.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's macros, for an SQL expression written once and used by several models or statements: files under the
 * project's {@code macros/} folder hold {@code {% macro name(argument, ...) %} body {% endmacro %}} blocks, and
 * {@code {{ name(expression, ...) }}} in a model is replaced by the body with each {@code {{ argument }}} replaced
 * by the expression given for it. A body may call the template's functions and other macros, not
 * {@code ref(...)} (a model's dependencies are read from the model itself) nor {% %} blocks.
 *
 * <p>A file in a folder named after a warehouse's dialect ({@code macros/duckdb/}, {@code macros/bigquery/}) holds
 * that dialect's version of a macro: where the warehouse is that one, it replaces the version of the same name in
 * {@code macros/} (dbt's dispatch), so a model keeps one definition for both warehouses.
 */
public final class Macros {

    private static final Pattern MACRO = Pattern.compile(
            "\\{%-?\\s*macro\\s+([a-z_][a-z0-9_]*)\\s*\\(([^)]*)\\)\\s*-?%}(.*?)\\{%-?\\s*endmacro\\s*-?%}",
            Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    /** A quoted text, or a name that is not a function's (not followed by a parenthesis). */
    private static final Pattern TOKEN = Pattern.compile("'[^']*'|\\b[a-z_][a-z0-9_]*\\b(?!\\s*\\()");

    private final Map<String, Macro> byName;
    /** Dialect name -> the macros its folder defines. */
    private final Map<String, Map<String, Macro>> byDialect;

    private Macros(Map<String, Macro> byName) {
        this(byName, Map.of());
    }

    private Macros(Map<String, Macro> byName, Map<String, Map<String, Macro>> byDialect) {
        this.byName = java.util.Collections.unmodifiableMap(new TreeMap<>(byName));
        this.byDialect = Map.copyOf(byDialect);
    }

    /** The macros as a warehouse of this dialect sees them: its folder's versions over the shared ones. */
    public Macros forDialect(String dialect) {
        Map<String, Macro> seen = new TreeMap<>(byName);
        seen.putAll(byDialect.getOrDefault(dialect, Map.of()));
        return new Macros(seen);
    }

    /** The dialect folder a macro file sits in ({@code macros/duckdb/x.sql} -> duckdb), or null for macros/. */
    static String dialectOf(String file) {
        java.util.regex.Matcher folder = java.util.regex.Pattern.compile("(?:^|/)macros/([a-z0-9_]+)/[^/]+$")
                .matcher(file);
        return folder.find() ? folder.group(1) : null;
    }

    public static Macros none() {
        return new Macros(Map.of());
    }

    /** The macros of several files: {@code files} maps each file's path to its text. */
    public static Macros parse(Map<String, String> files) {
        Map<String, Macro> shared = new TreeMap<>();
        Map<String, Map<String, Macro>> byDialect = new TreeMap<>();
        files.forEach((file, text) -> {
            String dialect = dialectOf(file);
            Map<String, Macro> byName = dialect == null ? shared
                    : byDialect.computeIfAbsent(dialect, name -> new TreeMap<>());
            Matcher matcher = MACRO.matcher(text);
            int end = 0;
            while (matcher.find()) {
                if (text.substring(end, matcher.start()).contains("{%")) {
                    throw new TemplateException(file + ": text between macros that is not a macro: "
                            + text.substring(end, matcher.start()).strip());
                }
                Macro macro = new Macro(file, matcher.group(1), parameters(file, matcher.group(1), matcher.group(2)),
                        matcher.group(3).strip());
                if (macro.body().contains("{%")) {
                    throw new TemplateException(file + ": macro " + macro.name() + " holds a {% %} block; a macro "
                            + "body is one SQL expression or statement part");
                }
                if (SqlTemplate.FUNCTIONS.contains(macro.name())) {
                    throw new TemplateException(file + ": macro " + macro.name() + " has the name of a built-in "
                            + "function; choose another name");
                }
                Macro twin = byName.put(macro.name(), macro);
                if (twin != null) {
                    throw new TemplateException("Two macros are named " + macro.name() + ": in " + twin.file()
                            + " and " + file);
                }
                end = matcher.end();
            }
            if (text.substring(end).contains("{%")) {
                throw new TemplateException(file + ": a {% macro name(arguments) %} block is never closed with "
                        + "{% endmacro %}");
            }
        });
        return new Macros(shared, byDialect);
    }

    private static List<String> parameters(String file, String macro, String text) {
        if (text.isBlank()) {
            return List.of();
        }
        List<String> names = Arrays.stream(text.split(",")).map(String::trim).toList();
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new TemplateException(file + ": macro " + macro + " has an argument '" + name
                        + "' that is not a plain name");
            }
        }
        return names;
    }

    public Optional<Macro> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** One macro: its arguments and its body. */
    public record Macro(String file, String name, List<String> parameters, String body) {

        /**
         * The body with each argument replaced by its expression, still to be rendered: {@code {{ argument }}},
         * and the argument's name inside another call ({@code {{ other(argument, 1) }}}), as in Jinja.
         */
        public String expand(List<String> arguments) {
            if (arguments.size() != parameters.size()) {
                throw new TemplateException("macro " + name + " (" + file + ") takes " + parameters.size()
                        + " argument(s) " + parameters + ", got " + arguments.size() + ": " + arguments);
            }
            StringBuilder expanded = new StringBuilder();
            int position = 0;
            while (true) {
                int open = body.indexOf("{{", position);
                int close = open < 0 ? -1 : SqlTemplate.closingBraces(body, open, body.length());
                if (close < 0) {
                    return expanded.append(body, position, body.length()).toString();
                }
                // a whole call, calls nested in it included: its argument names are replaced throughout
                String inside = body.substring(open + 2, close).trim();
                int index = parameters.indexOf(inside);
                expanded.append(body, position, open).append(index >= 0 ? "(" + arguments.get(index) + ")"
                        : "{{ " + withArguments(inside, arguments) + " }}");
                position = close + 2;
            }
        }

        /** A call's text with each argument name (not a quoted text, not a function name) replaced by its value. */
        private String withArguments(String callText, List<String> arguments) {
            Matcher token = TOKEN.matcher(callText);
            StringBuilder replaced = new StringBuilder();
            while (token.find()) {
                int index = parameters.indexOf(token.group());
                token.appendReplacement(replaced, Matcher.quoteReplacement(
                        index >= 0 ? "(" + arguments.get(index) + ")" : token.group()));
            }
            token.appendTail(replaced);
            return replaced.toString();
        }
    }
}
