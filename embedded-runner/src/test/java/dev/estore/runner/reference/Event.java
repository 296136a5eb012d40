package dev.estore.runner.reference;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** One marts.fct_events row, typed. The input of every reference mart. */
record Event(
        Instant time,
        String type,
        String productId,
        String categoryId,
        String categoryCode,
        String brand,
        BigDecimal price,
        String userId,
        String userSession,
        LocalDate date,
        long isPurchase,
        long isCartAdd,
        long isView,
        BigDecimal revenue) {

    static Event of(Map<String, Object> row) {
        return new Event(
                instant(row.get("event_time")),
                text(row.get("event_type")),
                text(row.get("product_id")),
                text(row.get("category_id")),
                text(row.get("category_code")),
                text(row.get("brand")),
                decimal(row.get("price")),
                text(row.get("user_id")),
                text(row.get("user_session")),
                date(row.get("event_date")),
                whole(row.get("is_purchase")),
                whole(row.get("is_cart_add")),
                whole(row.get("is_view")),
                decimal(row.get("revenue")));
    }

    boolean purchase() {
        return "purchase".equals(type);
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static long whole(Object value) {
        if (value instanceof Boolean flag) {
            return flag ? 1 : 0;
        }
        return value == null ? 0 : ((Number) value).longValue();
    }

    static BigDecimal decimal(Object value) {
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Double || value instanceof Float) {
            // Money should never arrive as a binary float (spec: "never as binary floats"); keep what it says.
            return new BigDecimal(value.toString());
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }

    static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("Not a timestamp: " + value + " (" + value.getClass() + ")");
    }

    static LocalDate date(Object value) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof java.sql.Date sqlDate) {
            return sqlDate.toLocalDate();
        }
        if (value instanceof LocalDateTime local) {
            return local.toLocalDate();
        }
        throw new IllegalArgumentException("Not a date: " + value + " (" + value.getClass() + ")");
    }
}
