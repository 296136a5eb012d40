package dev.estore.runner;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An independent, plain-Java reading of the spec's stg_events rules (models.md), applied to raw.events rows, to
 * check the SQL model against. Rows are rendered as canonical text so the two sets compare directly.
 */
final class StagingReference {

    private static final Set<String> EVENT_TYPES = Set.of("view", "cart", "purchase");

    private StagingReference() {
    }

    static Set<String> expectedRows(List<Map<String, Object>> raw) {
        // 1. one row per (event_time, event_type, product_id, user_id, user_session); lowest price first
        Map<List<Object>, Map<String, Object>> deduplicated = new HashMap<>();
        Comparator<Map<String, Object>> preference = Comparator.comparing(
                (Map<String, Object> row) -> (BigDecimal) row.get("price"),
                Comparator.nullsLast(Comparator.naturalOrder()));
        for (Map<String, Object> row : raw) {
            List<Object> key = java.util.Arrays.asList(row.get("event_time"), row.get("event_type"),
                    row.get("product_id"), row.get("user_id"), emptyToNull((String) row.get("user_session")));
            deduplicated.merge(key, row, (a, b) -> preference.compare(a, b) <= 0 ? a : b);
        }
        // 3. products with more than one distinct lower-cased brand, over all deduplicated rows
        Map<Object, Set<String>> brands = new HashMap<>();
        for (Map<String, Object> row : deduplicated.values()) {
            String brand = lower(row.get("brand"));
            if (row.get("product_id") != null && brand != null) {
                brands.computeIfAbsent(row.get("product_id"), p -> new HashSet<>()).add(brand);
            }
        }
        // 2, 4, 5
        return deduplicated.values().stream()
                .filter(row -> row.get("product_id") != null)
                .filter(row -> brands.getOrDefault(row.get("product_id"), Set.of()).size() <= 1)
                .filter(row -> emptyToNull((String) row.get("user_session")) != null)
                .filter(row -> EVENT_TYPES.contains(row.get("event_type")))
                .map(StagingReference::canonical)
                .collect(Collectors.toSet());
    }

    /** A stg_events row (or a raw row after the rules) as text: ids as text, codes lower-cased, date added. */
    static String canonical(Map<String, Object> row) {
        Instant time = (Instant) row.get("event_time");
        return String.join("|", time.toString(), (String) row.get("event_type"), text(row.get("product_id")),
                text(row.get("category_id")), String.valueOf(lower(row.get("category_code"))),
                String.valueOf(lower(row.get("brand"))), String.valueOf(row.get("price")),
                text(row.get("user_id")), (String) row.get("user_session"),
                LocalDate.ofInstant(time, ZoneOffset.UTC).toString());
    }

    private static String text(Object value) {
        return Objects.toString(value, "null");
    }

    private static String lower(Object value) {
        String text = emptyToNull((String) value);
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
