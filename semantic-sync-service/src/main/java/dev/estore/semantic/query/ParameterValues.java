package dev.estore.semantic.query;

import dev.estore.shared.ports.Warehouse.ValueKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Turns a filter value from JSON into a parameter of the field's kind, or refuses it naming the field. Dates and
 * times travel as ISO text inside a CAST, which every engine binds the same way.
 */
final class ParameterValues {

    private static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private ParameterValues() {
    }

    /** The placeholder for a value of this kind. */
    static String placeholder(ValueKind kind) {
        return switch (kind) {
            case DATE -> "CAST(? AS DATE)";
            case TIMESTAMP -> "CAST(? AS TIMESTAMP)";
            default -> "?";
        };
    }

    static Object convert(String field, ValueKind kind, Object value) {
        if (value == null) {
            throw new QueryException("filter on " + field + ": a null value; use op is_null or is_not_null");
        }
        if (value instanceof java.util.Map<?, ?> || value instanceof java.util.Collection<?>) {
            throw new QueryException("filter on " + field + ": " + value + " is not a single value");
        }
        String text = value.toString().trim();
        try {
            return switch (kind) {
                case INTEGER -> value instanceof Number number && !(value instanceof Double || value instanceof Float
                        || value instanceof BigDecimal) ? number.longValue() : new BigInteger(text).longValueExact();
                case DECIMAL, FLOAT -> new BigDecimal(text);
                case TEXT -> value.toString();
                case BOOLEAN -> parseBoolean(text);
                case DATE -> inPortableRange(field, LocalDate.parse(text)).toString();
                case TIMESTAMP -> {
                    LocalDateTime time = timestamp(text);
                    inPortableRange(field, time.toLocalDate());
                    yield TIMESTAMP_TEXT.format(time);
                }
                case OTHER -> throw new QueryException("filter on " + field + ": this field cannot be filtered on "
                        + "(its type has no portable comparison)");
            };
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new QueryException("filter on " + field + ": '" + value + "' is not a valid "
                    + kind.name().toLowerCase() + " value" + (kind == ValueKind.DATE ? " (write yyyy-mm-dd)"
                    : kind == ValueKind.TIMESTAMP ? " (write an ISO date-time, UTC)" : ""));
        }
    }

    /** Years 1 to 9999: what every engine's DATE holds (BigQuery's range; DuckDB refuses '+999999999-12-31'). */
    private static LocalDate inPortableRange(String field, LocalDate date) {
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new QueryException("filter on " + field + ": " + date + " is out of range; dates run from "
                    + "0001-01-01 to 9999-12-31");
        }
        return date;
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new NumberFormatException(text);
        };
    }

    private static LocalDateTime timestamp(String text) {
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T'));
            } catch (DateTimeParseException again) {
                return LocalDate.parse(text).atStartOfDay();
            }
        }
    }
}
