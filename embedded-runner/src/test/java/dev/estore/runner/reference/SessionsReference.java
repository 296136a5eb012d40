package dev.estore.runner.reference;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** marts.fct_sessions as models.md describes it: user_sessions split at inactivity gaps, one row per part. */
final class SessionsReference {

    static final List<String> COLUMNS = List.of("session_id", "session_start_time", "session_end_time",
            "session_start_date", "user_id", "event_count", "unique_product_count", "cart_additions",
            "purchase_count", "view_count", "total_revenue", "session_length", "reached_view", "reached_cart",
            "reached_purchase", "funnel_stage");

    private SessionsReference() {
    }

    static List<Map<String, Object>> build(List<Event> events, ModelVars vars) {
        Duration timeout = Duration.ofSeconds(vars.sessionTimeoutSeconds());
        // Grouped by user_session alone: two users sharing a session id share the session.
        Map<String, List<Event>> byUserSession = new HashMap<>();
        for (Event event : events) {
            byUserSession.computeIfAbsent(event.userSession(), s -> new ArrayList<>()).add(event);
        }
        Map<String, List<Event>> sessions = new LinkedHashMap<>();
        for (Map.Entry<String, List<Event>> group : byUserSession.entrySet()) {
            List<Event> ordered = new ArrayList<>(group.getValue());
            ordered.sort(Comparator.comparing(Event::time));
            long timeouts = 0;
            Instant previous = null;
            for (Event event : ordered) {
                // Strictly more than the timeout splits; events at the same instant (gap 0) never split, so the
                // order among them does not matter.
                if (previous != null && Duration.between(previous, event.time()).compareTo(timeout) > 0) {
                    timeouts++;
                }
                previous = event.time();
                String id = timeouts == 0 ? group.getKey() : group.getKey() + "_timeout_" + timeouts;
                List<Event> members = sessions.get(id);
                if (members == null) {
                    members = new ArrayList<>();
                    sessions.put(id, members);
                } else if (!members.get(0).userSession().equals(group.getKey())) {
                    // The spec promises unique ids; a raw id that looks like another's split would break that.
                    throw new IllegalStateException("session_id " + id + " arises from two user_sessions");
                }
                members.add(event);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        sessions.forEach((id, members) -> rows.add(row(id, members)));
        return rows;
    }

    private static Map<String, Object> row(String id, List<Event> members) {
        Instant start = members.get(0).time();
        Instant end = members.get(0).time();
        String user = null;
        Set<String> products = new HashSet<>();
        long carts = 0;
        long purchases = 0;
        long views = 0;
        BigDecimal revenue = null;
        for (Event event : members) {
            start = event.time().isBefore(start) ? event.time() : start;
            end = event.time().isAfter(end) ? event.time() : end;
            if (event.userId() != null && (user == null || event.userId().compareTo(user) > 0)) {
                user = event.userId();  // max(user_id) as text
            }
            if (event.productId() != null) {
                products.add(event.productId());
            }
            carts += event.isCartAdd();
            purchases += event.isPurchase();
            views += event.isView();
            if (event.revenue() != null) {
                revenue = revenue == null ? event.revenue() : revenue.add(event.revenue());
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("session_id", id);
        row.put("session_start_time", start);
        row.put("session_end_time", end);
        row.put("session_start_date", LocalDate.ofInstant(start, ZoneOffset.UTC));
        row.put("user_id", user);
        row.put("event_count", (long) members.size());
        row.put("unique_product_count", (long) products.size());
        row.put("cart_additions", carts);
        row.put("purchase_count", purchases);
        row.put("view_count", views);
        row.put("total_revenue", revenue);
        // Source times are whole seconds, so whole seconds between start and end are exact.
        row.put("session_length", Duration.between(start, end).getSeconds());
        row.put("reached_view", views > 0 ? 1L : 0L);
        row.put("reached_cart", carts > 0 ? 1L : 0L);
        row.put("reached_purchase", purchases > 0 ? 1L : 0L);
        row.put("funnel_stage", purchases > 0 ? "purchase" : carts > 0 ? "cart" : views > 0 ? "view" : "no_activity");
        return row;
    }
}
