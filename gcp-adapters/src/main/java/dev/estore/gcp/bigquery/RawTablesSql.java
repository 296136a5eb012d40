package dev.estore.gcp.bigquery;

import dev.estore.shared.loading.RowRules;
import java.util.Collections;
import java.util.List;

/**
 * The BigQuery statements of the raw layer, the same tables and rules as the DuckDB loader's: raw.events with its
 * lineage columns (partitioned by event date), raw.load_rejects and the raw.loads ledger. {@code %s} stand for
 * fully qualified relations; {@code ?} are positional query parameters.
 */
final class RawTablesSql {

    private final String events;
    private final String rejects;
    private final String loads;
    private final String loadLock;

    RawTablesSql(Datasets datasets) {
        this.events = datasets.relation("raw", "events");
        this.rejects = datasets.relation("raw", "load_rejects");
        this.loads = datasets.relation("raw", "loads");
        this.loadLock = datasets.relation("raw", "load_lock");
    }

    List<String> createTables() {
        return List.of("""
                CREATE TABLE IF NOT EXISTS %s (
                    event_time TIMESTAMP, event_type STRING, product_id INT64, category_id INT64,
                    category_code STRING, brand STRING, price NUMERIC, user_id INT64, user_session STRING,
                    source_bucket STRING, source_object STRING, source_generation INT64, load_id STRING,
                    loaded_at TIMESTAMP)
                PARTITION BY DATE(event_time)
                CLUSTER BY source_object""".formatted(events), """
                CREATE TABLE IF NOT EXISTS %s (
                    load_id STRING, source_bucket STRING, source_object STRING, source_generation INT64,
                    line INT64, reason STRING, raw_line STRING, rejected_at TIMESTAMP)""".formatted(rejects), """
                CREATE TABLE IF NOT EXISTS %s (
                    load_id STRING, bucket STRING, object STRING, generation INT64, status STRING,
                    rows_loaded INT64, rows_rejected INT64, min_event_time TIMESTAMP, max_event_time TIMESTAMP,
                    started_at TIMESTAMP, finished_at TIMESTAMP, reason STRING)""".formatted(loads),
                "CREATE TABLE IF NOT EXISTS " + loadLock + " (id INT64, claimed_at TIMESTAMP, load_id STRING)",
                // The one row every load transaction updates (see claimLock); created once, never deleted.
                "INSERT INTO " + loadLock + " (id, claimed_at, load_id) SELECT 1, CURRENT_TIMESTAMP(), 'created' "
                        + "FROM (SELECT 1) WHERE NOT EXISTS (SELECT 1 FROM " + loadLock + ")");
    }

    /**
     * The first statement of every load transaction: an UPDATE of a row that always exists. BigQuery lets one
     * transaction at a time mutate a table and aborts a concurrent one, so two loads (another instance, a
     * redelivery while the first still runs, a sweep) can never both pass the ledger check; the aborted one
     * fails, its message is redelivered, and the next attempt finds the generation LOADED. (An UPDATE of the
     * ledger alone would touch no row for an object's first generation and might not conflict.)
     */
    String claimLock() {
        return "UPDATE " + loadLock + " SET claimed_at = CURRENT_TIMESTAMP(), load_id = ? WHERE id = 1";
    }

    /** An empty table in the CSV's types that the load job appends to; it expires by itself if never dropped. */
    static String createStaging(String staging) {
        return """
                CREATE OR REPLACE TABLE %s (
                    event_time STRING, event_type STRING, product_id INT64, category_id INT64,
                    category_code STRING, brand STRING, price NUMERIC, user_id INT64, user_session STRING)
                OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 1 DAY))"""
                .formatted(staging);
    }

    static String dropStaging(String staging) {
        return "DROP TABLE IF EXISTS " + staging;
    }

    /** A row the load parsed but the loader refuses ({@link RowRules}); never NULL. */
    static final String RULE_BROKEN = RowRules.anyBroken();

    /** A time the file gives that does not parse: the reader's refusal on DuckDB, a reject here too. */
    static final String TIME_UNPARSEABLE = "(event_time IS NULL AND NULLIF(event_time_text, '') IS NOT NULL)";

    /** Refused rows: a time that does not parse, or a broken rule. Never NULL. */
    static final String REFUSED = "(" + TIME_UNPARSEABLE + " OR " + RULE_BROKEN + ")";

    /**
     * The staging rows as the rules read them: event_time parsed from its text (kept as event_time_text for the
     * reject's line and reason), every other column as loaded.
     */
    static String parsed(String staging) {
        return "(SELECT * REPLACE (SAFE.PARSE_TIMESTAMP('" + RowRules.RAW_TIME_FORMAT + "', event_time) "
                + "AS event_time), event_time AS event_time_text FROM " + staging + ")";
    }

    /** The load's figures from the staging table, before anything is written. */
    static String figures(String staging) {
        return """
                SELECT COUNTIF(NOT %1$s) AS rows_loaded,
                       MIN(IF(NOT %1$s, event_time, NULL)) AS min_event_time,
                       MAX(IF(NOT %1$s, event_time, NULL)) AS max_event_time,
                       COUNTIF(%1$s) AS rule_breaking
                FROM %2$s""".formatted(REFUSED, parsed(staging));
    }

    String completedLoad() {
        return """
                SELECT * FROM %s
                WHERE bucket = ? AND object = ? AND generation = ? AND status IN ('LOADED', 'QUARANTINED')
                ORDER BY finished_at DESC LIMIT 1""".formatted(loads);
    }

    String loadedGeneration() {
        return """
                SELECT generation FROM %s WHERE bucket = ? AND object = ? AND status = 'LOADED'
                ORDER BY generation DESC LIMIT 1""".formatted(loads);
    }

    /** Marks the object's earlier loads superseded (a new generation replaces their rows). */
    String claimObject() {
        return "UPDATE " + loads + " SET status = 'SUPERSEDED' WHERE bucket = ? AND object = ? AND status = 'LOADED'";
    }

    String deleteEarlierEvents() {
        return "DELETE FROM " + events + " WHERE source_bucket = ? AND source_object = ?";
    }

    String deleteEarlierRejects() {
        return "DELETE FROM " + rejects + " WHERE source_bucket = ? AND source_object = ?";
    }

    /** Rows of the load job's errors: one VALUES tuple of 7 parameters per reject (the line may be NULL). */
    String insertReaderRejects(int count) {
        String tuple = "(?, ?, ?, ?, CAST(? AS INT64), ?, CAST(NULL AS STRING), CAST(? AS TIMESTAMP))";
        return "INSERT INTO " + rejects + " (load_id, source_bucket, source_object, source_generation, line, reason, "
                + "raw_line, rejected_at)\nVALUES " + String.join(",\n       ", Collections.nCopies(count, tuple));
    }

    /**
     * Refused rows with their reason and the line rebuilt from the parsed fields (BigQuery keeps no line order);
     * a time that does not parse is named with its text.
     */
    String insertRuleRejects(String staging) {
        return """
                INSERT INTO %s (load_id, source_bucket, source_object, source_generation, line, reason, raw_line,
                                rejected_at)
                SELECT ?, ?, ?, ?, CAST(NULL AS INT64),
                       CASE WHEN %s THEN CONCAT('LOAD: event_time "', event_time_text,
                                                '" is not a time like 2019-10-01 00:00:04 UTC')
                            ELSE %s END,
                       ARRAY_TO_STRING([
                           IFNULL(event_time_text, ''),
                           IFNULL(event_type, ''), IFNULL(CAST(product_id AS STRING), ''),
                           IFNULL(CAST(category_id AS STRING), ''), IFNULL(category_code, ''), IFNULL(brand, ''),
                           IFNULL(CAST(price AS STRING), ''), IFNULL(CAST(user_id AS STRING), ''),
                           IFNULL(user_session, '')], ','),
                       CAST(? AS TIMESTAMP)
                FROM %s
                WHERE %s""".formatted(rejects, TIME_UNPARSEABLE, RowRules.reason(new BigQueryDialect()),
                parsed(staging), REFUSED);
    }

    /** The good rows with their lineage; an append to raw.events, in the partitions of their event dates. */
    String insertEvents(String staging) {
        return """
                INSERT INTO %s (event_time, event_type, product_id, category_id, category_code, brand, price, user_id,
                                user_session, source_bucket, source_object, source_generation, load_id, loaded_at)
                SELECT event_time, event_type, product_id, category_id, category_code, brand, price, user_id,
                       user_session, ?, ?, ?, ?, CAST(? AS TIMESTAMP)
                FROM %s
                WHERE NOT %s""".formatted(events, parsed(staging), REFUSED);
    }

    String insertLedger() {
        return """
                INSERT INTO %s (load_id, bucket, object, generation, status, rows_loaded, rows_rejected,
                                min_event_time, max_event_time, started_at, finished_at, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP),
                        CAST(? AS TIMESTAMP), ?)""".formatted(loads);
    }

    String findLoad() {
        return "SELECT * FROM " + loads + " WHERE load_id = ?";
    }

    String recentLoads() {
        return "SELECT * FROM " + loads + " ORDER BY started_at DESC, load_id LIMIT ?";
    }

    String rejectsOf() {
        return "SELECT * FROM " + rejects + " WHERE load_id = ? ORDER BY line LIMIT ?";
    }
}
