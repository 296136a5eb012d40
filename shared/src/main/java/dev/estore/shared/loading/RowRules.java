package dev.estore.shared.loading;

import dev.estore.shared.ports.SqlDialect;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one statement of which parsed rows the loader refuses and why (models.md, raw layer), rendered by each
 * {@link dev.estore.shared.ports.RawEventsStore} in its SQL dialect: no event time, no event type (also a quoted
 * ""), no user or category id (staging and the marts need both; an empty id is not an integer), or a negative
 * price. An empty product_id is kept: the spec has staging drop those rows. What the bulk reader itself refuses
 * (field counts, types, encoding) is fixed by {@link #RAW_COLUMNS}. It lives here, beside the port, because both
 * adapters and their tests must read the same rules and neither may depend on loader-service.
 */
public final class RowRules {

    /** One rule: a condition over raw.events' columns (never NULL) and the reason a refused row carries. */
    public record Rule(String condition, Function<SqlDialect, String> reason) {
    }

    /** A column of the source files, in file order, with the type the bulk reader parses it as. */
    public record RawColumn(String name, RawType type) {
    }

    /**
     * How the source files write a time ("2019-10-01 00:00:04 UTC"), in the strftime directives both DuckDB's
     * reader and BigQuery's PARSE_TIMESTAMP take: a time written otherwise is refused.
     */
    public static final String RAW_TIME_FORMAT = "%Y-%m-%d %H:%M:%S UTC";

    /** The types of the raw layer; each adapter names them in its SQL. */
    public enum RawType { TIMESTAMP, TEXT, BIGINT, MONEY }

    /** The header every events file carries and the types its fields must parse as, or the row is rejected. */
    public static final List<RawColumn> RAW_COLUMNS = List.of(
            new RawColumn("event_time", RawType.TIMESTAMP),
            new RawColumn("event_type", RawType.TEXT),
            new RawColumn("product_id", RawType.BIGINT),
            new RawColumn("category_id", RawType.BIGINT),
            new RawColumn("category_code", RawType.TEXT),
            new RawColumn("brand", RawType.TEXT),
            new RawColumn("price", RawType.MONEY),
            new RawColumn("user_id", RawType.BIGINT),
            new RawColumn("user_session", RawType.TEXT));

    /** In order: a row breaking several carries the first one's reason. */
    public static final List<Rule> RULES = List.of(
            new Rule("event_time IS NULL", dialect -> "'RULE: event_time is empty'"),
            new Rule("NULLIF(event_type, '') IS NULL", dialect -> "'RULE: event_type is empty'"),
            new Rule("user_id IS NULL", dialect -> "'RULE: user_id is empty'"),
            new Rule("category_id IS NULL", dialect -> "'RULE: category_id is empty'"),
            new Rule("COALESCE(price < 0, FALSE)",
                    dialect -> "CONCAT('RULE: price is negative (', " + dialect.toText("price") + ", ')')"));

    private RowRules() {
    }

    /** True for a row breaking any rule; never NULL, so {@code NOT} of it keeps exactly the other rows. */
    public static String anyBroken() {
        return RULES.stream().map(Rule::condition).collect(Collectors.joining(" OR ", "(", ")"));
    }

    /** The reason of the first rule a row breaks (NULL for a row breaking none). */
    public static String reason(SqlDialect dialect) {
        return RULES.stream().map(rule -> "WHEN " + rule.condition() + " THEN " + rule.reason().apply(dialect))
                .collect(Collectors.joining(" ", "CASE ", " END"));
    }
}
