package dev.estore.transform.sql;

import dev.estore.transform.window.ChangedWindow;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small template language of the model files: {@code {{ function(arguments) }}} calls, resolved per engine.
 * References: {@code ref('model')}, {@code source('raw', 'events')}, {@code var('name')}. Engine differences:
 * {@code date_diff_days(start, end)}, {@code seconds_between(start, end)}, {@code safe_divide(a, b)},
 * {@code int_div(a, b)}, {@code to_int(x)}, {@code cents_to_money(cents)}, {@code split_part(text, '.', n)},
 * {@code month_start(date)}, {@code md5_hex(text)}, {@code hash_key(text)} (a 128-bit MD5 to join on),
 * {@code to_text(expression)},
 * {@code surrogate_key(expression, ...)}. Arguments of the engine functions are SQL expressions.
 *
 * <p>Incremental builds: {@code in_window(date_expression)} and {@code in_window_ts(timestamp_expression)} are
 * true for the rows on the days this build recomputes (every row in a full build), and
 * {@code overlaps_window(first_date, last_date)} for a span touching one of them; {@code {{ this }}} is the
 * model's own published relation. The one piece of control flow is dbt's
 * {@code {% if is_incremental() %} ... {% else %} ... {% endif %}}, for the part of a SELECT that folds new rows
 * into the model's previous state; otherwise a model is one SELECT an analyst can read. {@code read_window_start()}
 * is the first day an incremental build reads, as a DATE constant; {@code window_start_ts()} the first changed day
 * at 00:00 as a TIMESTAMP constant, {@code window_start_ts(seconds)} that many seconds earlier.
 * {@code name as {{ not_materialized() }} (...)} asks the engine to compute a common table expression for each
 * reference rather than store its rows;
 * {@code prune_partitions(condition)} is a condition only there to skip partitions (BigQuery gets it, DuckDB
 * {@code true}), for a query that is right without it. Any other
 * call names a macro of the project's {@code macros/} folder ({@link Macros}).
 */
public final class SqlTemplate {

    public static final List<String> FUNCTIONS = List.of("ref", "source", "var", "seed", "date_diff_days",
            "seconds_between", "safe_divide", "int_div", "to_int", "cents_to_money", "split_part", "month_start",
            "md5_hex", "hash_key", "to_text", "surrogate_key", "in_window", "in_window_ts", "overlaps_window",
            "in_read_window", "window_start_ts", "read_window_start", "not_materialized", "prune_partitions", "tested_rows");
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** How deep macros may call macros: deeper is taken for a macro that calls itself. */
    private static final int MACRO_DEPTH = 10;
    /** {{ this }}: the model's own relation (no parentheses, as in dbt). */
    private static final Call THIS = new Call("this", List.of());
    private static final Pattern CALL = Pattern.compile("\\s*([a-z_][a-z0-9_]*)\\s*\\((.*)\\)\\s*", Pattern.DOTALL);

    private final String file;
    private final String text;
    private final int depth;

    public SqlTemplate(String file, String text) {
        this(file, text, 0);
    }

    private SqlTemplate(String file, String text, int depth) {
        this.file = file;
        this.text = text;
        this.depth = depth;
    }

    /** The models this template refers to with ref(...), in order of first use. */
    public Set<String> refs() {
        Set<String> refs = new LinkedHashSet<>();
        forEachCall((call, offset) -> {
            if (call != THIS && (call.function().equals("ref") || call.function().equals("tested_rows"))) {
                refs.add(name(call, 0, 1, offset));
            }
            return "";
        });
        return refs;
    }

    /** Whether the template reads a loaded source with source(...): such a model takes the loads' days. */
    public boolean readsSources() {
        boolean[] found = {false};
        forEachCall((call, offset) -> {
            found[0] |= call != THIS && call.function().equals("source");
            return "";
        });
        return found[0];
    }

    public String render(TemplateContext context) {
        String withoutBlocks = new IncrementalBlocks(file, text).keep(context.isIncremental());
        return new SqlTemplate(file, withoutBlocks).renderCalls(context);
    }

    private String renderCalls(TemplateContext context) {
        return forEachCall((call, offset) -> call == THIS ? context.self() : resolve(call, offset, context));
    }

    private String resolve(Call call, int offset, TemplateContext context) {
        var dialect = context.dialect();
        List<String> args = call.arguments();
        return switch (call.function()) {
            case "ref" -> context.ref(name(call, 0, 1, offset));
            case "tested_rows" -> testedRows(name(call, 0, 1, offset), offset, context);
            case "source" -> context.source(name(call, 0, 2, offset), name(call, 1, 2, offset));
            case "var" -> context.var(name(call, 0, 1, offset));
            case "seed" -> context.seed(name(call, 0, 1, offset));
            case "date_diff_days" -> dialect.dateDiffDays(arg(call, 0, 2, offset), arg(call, 1, 2, offset));
            case "seconds_between" -> dialect.secondsBetween(arg(call, 0, 2, offset), arg(call, 1, 2, offset));
            case "safe_divide" -> dialect.safeDivide(arg(call, 0, 2, offset), arg(call, 1, 2, offset));
            case "int_div" -> dialect.intDiv(arg(call, 0, 2, offset), arg(call, 1, 2, offset));
            case "to_int" -> dialect.toInt(arg(call, 0, 1, offset));
            case "cents_to_money" -> dialect.centsToMoney(arg(call, 0, 1, offset));
            case "split_part" -> dialect.splitPart(arg(call, 0, 3, offset), arg(call, 1, 3, offset),
                    partNumber(arg(call, 2, 3, offset), offset));
            case "month_start" -> dialect.monthStart(arg(call, 0, 1, offset));
            case "md5_hex" -> dialect.md5Hex(arg(call, 0, 1, offset));
            case "hash_key" -> dialect.hashKey(arg(call, 0, 1, offset));
            case "to_text" -> dialect.toText(arg(call, 0, 1, offset));
            case "in_window" -> WindowSql.dates(context.window(), arg(call, 0, 1, offset), dialect);
            case "in_window_ts" -> WindowSql.timestamps(context.window(), arg(call, 0, 1, offset), dialect);
            case "in_read_window" -> WindowSql.dates(context.readWindow(), arg(call, 0, 1, offset), dialect);
            case "window_start_ts" -> windowStartTimestamp(call, offset, context);
            case "read_window_start" -> dialect.dateLiteral(firstDay(context.readWindow(), call, offset));
            case "not_materialized" -> {
                requireNoArgument(call, offset);
                yield dialect.cteNotMaterialized();
            }
            case "prune_partitions" -> dialect.partitionPruning(arg(call, 0, 1, offset));
            case "overlaps_window" -> WindowSql.overlaps(context.window(), arg(call, 0, 2, offset),
                    arg(call, 1, 2, offset), dialect);
            case "surrogate_key" -> {
                if (args.isEmpty()) {
                    throw error(offset, "surrogate_key needs at least one expression");
                }
                yield dialect.md5Hex(dialect.concatKey(args));
            }
            default -> macro(call, offset, context);
        };
    }

    /**
     * The first changed day at 00:00 UTC as a TIMESTAMP constant, or with a whole number of seconds as its argument
     * that many seconds earlier: a constant bound lets the engine skip row groups (DuckDB) by their min/max, which a
     * computed difference such as seconds_between(column, window start) does not.
     */
    private String windowStartTimestamp(Call call, int offset, TemplateContext context) {
        long before = 0;
        if (!call.arguments().isEmpty()) {
            String seconds = arg(call, 0, 1, offset).trim();
            try {
                before = Long.parseLong(seconds);
            } catch (NumberFormatException e) {
                throw error(offset, "window_start_ts takes a whole number of seconds before the window start, got '"
                        + seconds + "'");
            }
        }
        LocalDateTime bound = firstChangedDay(context.window(), call, offset).atStartOfDay().minusSeconds(before);
        return context.dialect().timestampLiteral(bound.toLocalDate().toString(), bound.format(TIME_OF_DAY));
    }

    /** The first day of an incremental build's window, for a function of no argument that names it. */
    private String firstDay(ChangedWindow window, Call call, int offset) {
        requireNoArgument(call, offset);
        return firstChangedDay(window, call, offset).toString();
    }

    private LocalDate firstChangedDay(ChangedWindow window, Call call, int offset) {
        if (window.isAll() || window.isEmpty()) {
            throw error(offset, call.function() + "() has a value only in an incremental build: use it inside "
                    + "{% if is_incremental() %} ... {% endif %} or in incremental settings");
        }
        return window.dates().first();
    }

    private void requireNoArgument(Call call, int offset) {
        if (!call.arguments().isEmpty()) {
            throw error(offset, call.function() + " takes no argument");
        }
    }

    /** {{ tested_rows('m') }}: known only to a singular test's context; elsewhere an error naming the line. */
    private String testedRows(String model, int offset, TemplateContext context) {
        try {
            return context.testedRows(model);
        } catch (TemplateException e) {
            throw error(offset, e.getMessage());
        }
    }

    /** A call of a macro from the project's macros/ folder: its body, rendered in this model's context. */
    private String macro(Call call, int offset, TemplateContext context) {
        var macro = context.macros().get(call.function()).orElseThrow(() -> error(offset, "unknown function '"
                + call.function() + "'; known: " + FUNCTIONS + ", macros: " + context.macros().names()));
        if (depth >= MACRO_DEPTH) {
            throw error(offset, "macro " + call.function() + " calls macros more than " + MACRO_DEPTH
                    + " deep: does it call itself?");
        }
        try {
            return new SqlTemplate(macro.file(), macro.expand(call.arguments()), depth + 1).renderCalls(context);
        } catch (TemplateException e) {
            throw error(offset, e.getMessage());
        }
    }

    private String forEachCall(Resolver resolver) {
        return forEachCall(resolver, 0, text.length());
    }

    /**
     * Resolves the calls in text[from, to). Calls may nest, as in {@code {{ date_diff_days(a, (select max(d) from
     * {{ ref('m') }})) }}}: the inner ones are resolved first (dbt's Jinja would write the inner call without braces;
     * here arguments are SQL, so the braces say what is a call). A '{{' inside a quoted text counts too.
     */
    private String forEachCall(Resolver resolver, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int position = from;
        while (true) {
            int open = text.indexOf("{{", position);
            if (open < 0 || open >= to) {
                out.append(text, position, to);
                return out.toString();
            }
            int close = closing(open, to);
            out.append(text, position, open);
            String body = forEachCall(resolver, open + 2, close);
            out.append(resolver.resolve(parse(body, open), open));
            position = close + 2;
        }
    }

    /** Where the '}}' closing the '{{' at {@code open} starts, counting the calls nested inside it. */
    private int closing(int open, int to) {
        int close = closingBraces(text, open, to);
        if (close < 0) {
            throw error(open, "'{{' is never closed with '}}'");
        }
        return close;
    }

    /**
     * Where the '}}' closing the '{{' at {@code open} in text[.., to) starts, counting the calls nested inside it;
     * -1 if none does. Also how a macro's body finds its calls ({@link Macros}).
     */
    static int closingBraces(String text, int open, int to) {
        int depth = 1;
        int i = open + 2;
        while (i < to - 1) {
            if (text.startsWith("{{", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("}}", i)) {
                if (--depth == 0) {
                    return i;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    private Call parse(String body, int offset) {
        if (body.trim().equals("this")) {
            return THIS;
        }
        Matcher matcher = CALL.matcher(body);
        if (!matcher.matches()) {
            throw error(offset, "'{{" + body + "}}' is not a call like {{ ref('model') }}");
        }
        return new Call(matcher.group(1), splitArguments(matcher.group(2), offset));
    }

    /** Splits on commas outside parentheses and quotes, so arguments may be any SQL expression. */
    private List<String> splitArguments(String arguments, int offset) {
        List<String> result = new ArrayList<>();
        if (arguments.isBlank()) {
            return result;
        }
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                result.add(arguments.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (quoted || depth != 0) {
            throw error(offset, "unbalanced quotes or parentheses in '" + arguments + "'");
        }
        result.add(arguments.substring(start).trim());
        return result;
    }

    private String arg(Call call, int index, int expected, int offset) {
        if (call.arguments().size() != expected) {
            throw error(offset, call.function() + " takes " + expected + " argument(s), got "
                    + call.arguments().size() + ": " + call.arguments());
        }
        return call.arguments().get(index);
    }

    private int partNumber(String text, int offset) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw error(offset, "split_part takes a whole number as its part, got '" + text + "'");
        }
    }

    private String name(Call call, int index, int expected, int offset) {
        if (call.arguments().size() != expected) {
            throw error(offset, call.function() + " takes " + expected + " quoted name(s), got "
                    + call.arguments().size() + ": " + call.arguments());
        }
        String argument = call.arguments().get(index);
        if (argument.length() < 2 || !(argument.startsWith("'") && argument.endsWith("'"))) {
            throw error(offset, call.function() + " takes quoted names, like " + call.function() + "('name'); got "
                    + argument);
        }
        return argument.substring(1, argument.length() - 1);
    }

    private TemplateException error(int offset, String problem) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new TemplateException(file + ":" + line + ": " + problem);
    }

    private record Call(String function, List<String> arguments) {
    }

    @FunctionalInterface
    private interface Resolver {
        String resolve(Call call, int offset);
    }
}
