package dev.estore.embedded.duckdb;

import dev.estore.shared.loading.RowRules;
import java.util.stream.Collectors;

/**
 * The DuckDB statements of the raw layer. Kept together so the table shapes and the load are read in one place.
 * Lineage columns (source_bucket, source_object, source_generation, load_id, loaded_at) let a bad file be found
 * and removed again.
 */
public final class RawEventsSql {

    private static final DuckDbDialect DIALECT = new DuckDbDialect();

    public static final String[] CREATE_TABLES = {
        "CREATE SCHEMA IF NOT EXISTS raw",
        """
        CREATE TABLE IF NOT EXISTS raw.events (
            event_time TIMESTAMP,
            event_type VARCHAR,
            product_id BIGINT,
            category_id BIGINT,
            category_code VARCHAR,
            brand VARCHAR,
            price DECIMAL(18, 2),
            user_id BIGINT,
            user_session VARCHAR,
            source_bucket VARCHAR,
            source_object VARCHAR,
            source_generation BIGINT,
            load_id VARCHAR,
            loaded_at TIMESTAMP)""",
        """
        CREATE TABLE IF NOT EXISTS raw.load_rejects (
            load_id VARCHAR,
            source_bucket VARCHAR,
            source_object VARCHAR,
            source_generation BIGINT,
            line BIGINT,
            reason VARCHAR,
            raw_line VARCHAR,
            rejected_at TIMESTAMP)""",
        """
        CREATE TABLE IF NOT EXISTS raw.loads (
            load_id VARCHAR,
            bucket VARCHAR,
            object VARCHAR,
            generation BIGINT,
            status VARCHAR,
            rows_loaded BIGINT,
            rows_rejected BIGINT,
            min_event_time TIMESTAMP,
            max_event_time TIMESTAMP,
            started_at TIMESTAMP,
            finished_at TIMESTAMP,
            reason VARCHAR)"""
    };

    /**
     * The load that already covers exactly this generation. Any other generation is new content, even an older
     * number (a file copied back with its old modification time): callers only load generations they could
     * read, which are always current, so an outdated notification never gets this far.
     */
    static final String COMPLETED_LOAD = """
            SELECT * FROM raw.loads
            WHERE bucket = ? AND object = ? AND generation = ? AND status IN ('LOADED', 'QUARANTINED')
            ORDER BY finished_at DESC LIMIT 1""";

    static final String LOADED_GENERATION = """
            SELECT generation FROM raw.loads WHERE bucket = ? AND object = ? AND status = 'LOADED'
            ORDER BY generation DESC LIMIT 1""";

    static final String DELETE_EARLIER_EVENTS = "DELETE FROM raw.events WHERE source_bucket = ? AND source_object = ?";
    static final String DELETE_EARLIER_REJECTS =
            "DELETE FROM raw.load_rejects WHERE source_bucket = ? AND source_object = ?";
    static final String SUPERSEDE_EARLIER_LOADS =
            "UPDATE raw.loads SET status = 'SUPERSEDED' WHERE bucket = ? AND object = ? AND status = 'LOADED'";

    /**
     * The bulk read: explicit types, strict field counts, and every row DuckDB cannot parse (field count, types,
     * invalid UTF-8) kept in the temporary table reader_rejects instead of failing the load.
     */
    public static String insertFromCsv(String pathLiteral) {
        return """
                INSERT INTO raw.events
                SELECT event_time, event_type, product_id, category_id, category_code, brand, price, user_id,
                       user_session, ?, ?, ?, ?, CAST(? AS TIMESTAMP)
                FROM read_csv(%s,
                    header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                    strict_mode = true, null_padding = false,
                    timestampformat = '%s',
                    columns = %s,
                    store_rejects = true, rejects_table = 'reader_rejects', rejects_scan = 'reader_reject_scans',
                    rejects_limit = 0)""".formatted(pathLiteral, RowRules.RAW_TIME_FORMAT, READER_COLUMNS);
    }

    /** The reader's column types, from {@link RowRules#RAW_COLUMNS}: a field that does not parse is a reject. */
    private static final String READER_COLUMNS = RowRules.RAW_COLUMNS.stream()
            .map(column -> "'" + column.name() + "': '" + duckDbType(column.type()) + "'")
            .collect(Collectors.joining(", ", "{", "}"));

    private static String duckDbType(RowRules.RawType type) {
        return switch (type) {
            case TIMESTAMP -> "TIMESTAMP";
            case TEXT -> "VARCHAR";
            case BIGINT -> "BIGINT";
            case MONEY -> "DECIMAL(18,2)";
        };
    }

    static final String READER_REJECTS_EXIST =
            "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = 'reader_rejects'";

    /**
     * One reject per line: the first error DuckDB found on it and the line as DuckDB read it. An error of the whole
     * line (longer than the reader's maximum) has no column: it sorts first instead of being skipped by arg_min.
     */
    static final String COPY_READER_REJECTS = """
            INSERT INTO raw.load_rejects
            SELECT ?, ?, ?, ?, line,
                   arg_min(error_type || ': ' || coalesce(error_message, 'no detail from the reader'),
                           coalesce(column_idx, 0)),
                   any_value(csv_line), CAST(? AS TIMESTAMP)
            FROM reader_rejects
            GROUP BY line""";

    /**
     * Rows DuckDB parsed but the spec refuses ({@link RowRules}). Their line number is recovered from their position
     * among this load's rows (DuckDB keeps file order) plus the lines the reader rejected before them; their raw line
     * is rebuilt from the parsed fields.
     */
    static String findRuleRejects(boolean readerRejectsExist) {
        String rejectedLines = readerRejectsExist
                ? "SELECT line - 1 - row_number() OVER (ORDER BY line) AS accepted_before "
                        + "FROM (SELECT DISTINCT line FROM reader_rejects)"
                : "SELECT NULL::BIGINT AS accepted_before WHERE false";
        return """
                CREATE TEMP TABLE rule_rejects AS
                WITH first_row AS (SELECT min(rowid) AS first_rowid FROM raw.events WHERE load_id = ?),
                     skipped AS (%s),
                     broken AS (
                         SELECT e.rowid AS rid,
                                e.rowid - first_row.first_rowid AS ordinal,
                                %s AS reason,
                                concat_ws(',',
                                    coalesce(strftime(e.event_time, '%s'), ''),
                                    coalesce(e.event_type, ''), coalesce(CAST(e.product_id AS VARCHAR), ''),
                                    coalesce(CAST(e.category_id AS VARCHAR), ''), coalesce(e.category_code, ''),
                                    coalesce(e.brand, ''), coalesce(CAST(e.price AS VARCHAR), ''),
                                    coalesce(CAST(e.user_id AS VARCHAR), ''), coalesce(e.user_session, ''))
                                    AS raw_line
                         FROM raw.events e, first_row
                         WHERE e.load_id = ? AND %s)
                SELECT rid, ordinal + 2 + (SELECT count(*) FROM skipped WHERE accepted_before <= ordinal) AS line,
                       reason, raw_line
                FROM broken""".formatted(rejectedLines, RowRules.reason(DIALECT), RowRules.RAW_TIME_FORMAT,
                RowRules.anyBroken());
    }

    static final String REJECTED_RECORDS = "SELECT DISTINCT line FROM raw.load_rejects WHERE load_id = ? ORDER BY line";
    static final String CREATE_LINE_MAP = "CREATE OR REPLACE TEMP TABLE reject_line_map (record BIGINT, physical BIGINT)";
    static final String INSERT_LINE_MAP = "INSERT INTO reject_line_map VALUES (?, ?)";
    static final String RENUMBER_REJECTS = """
            UPDATE raw.load_rejects SET line = reject_line_map.physical
            FROM reject_line_map
            WHERE raw.load_rejects.load_id = ? AND raw.load_rejects.line = reject_line_map.record""";
    static final String DROP_LINE_MAP = "DROP TABLE reject_line_map";

    static final String COPY_RULE_REJECTS = """
            INSERT INTO raw.load_rejects
            SELECT ?, ?, ?, ?, line, reason, raw_line, CAST(? AS TIMESTAMP) FROM rule_rejects""";

    static final String DELETE_RULE_REJECTS =
            "DELETE FROM raw.events WHERE rowid IN (SELECT rid FROM rule_rejects)";

    /** One pass over the load's rows: its figures, and how many rows break a rule the reader cannot check. */
    static final String LOAD_FIGURES = """
            SELECT count(*) AS rows_loaded, min(event_time) AS min_event_time, max(event_time) AS max_event_time,
                   count(*) FILTER (WHERE %s) AS rule_breaking
            FROM raw.events WHERE load_id = ?""".formatted(RowRules.anyBroken());

    static final String REJECT_COUNT = "SELECT count(*) AS rows_rejected FROM raw.load_rejects WHERE load_id = ?";

    static final String INSERT_LEDGER = """
            INSERT INTO raw.loads VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP),
                                          CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), ?)""";

    private RawEventsSql() {
    }

    /**
     * A file path as read_csv takes it literally. read_csv expands glob patterns: a file named '*.csv' would read
     * every CSV beside it under its name. A bracket class matches exactly its one character, so '*', '?' and '['
     * are each put in one ('[*]', '[?]', '[[]'); nothing else in a path is special to DuckDB's glob.
     */
    public static String literalPath(String path) {
        StringBuilder escaped = new StringBuilder(path.length() + 8);
        for (char c : path.toCharArray()) {
            if (c == '*' || c == '?' || c == '[') {
                escaped.append('[').append(c).append(']');
            } else {
                escaped.append(c);
            }
        }
        return literal(escaped.toString());
    }

    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
