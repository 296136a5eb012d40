package dev.estore.gcp.bigquery;

import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * The port's positional {@code ?} parameters as BigQuery positional query parameters, typed from their Java
 * values. A null travels as a NULL STRING: the services bind nulls only to text (timestamps travel as text and
 * are cast in SQL).
 */
final class QueryParameters {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private QueryParameters() {
    }

    static List<QueryParameterValue> all(Object... values) {
        return Arrays.stream(values).map(QueryParameters::of).toList();
    }

    static QueryParameterValue of(Object value) {
        if (value == null) {
            return QueryParameterValue.of(null, StandardSQLTypeName.STRING);
        }
        if (value instanceof String text) {
            return QueryParameterValue.string(text);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return QueryParameterValue.int64(((Number) value).longValue());
        }
        if (value instanceof BigDecimal decimal) {
            return QueryParameterValue.numeric(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            return QueryParameterValue.float64(((Number) value).doubleValue());
        }
        if (value instanceof Boolean bool) {
            return QueryParameterValue.bool(bool);
        }
        if (value instanceof Instant instant) {
            return QueryParameterValue.timestamp(TIMESTAMP.format(instant));
        }
        if (value instanceof LocalDate date) {
            return QueryParameterValue.date(date.toString());
        }
        throw new IllegalArgumentException("No BigQuery parameter type for " + value.getClass().getName()
                + " (value " + value + "); pass text, a number, a boolean, an Instant or a LocalDate");
    }
}
