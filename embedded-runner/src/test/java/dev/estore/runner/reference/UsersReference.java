package dev.estore.runner.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** marts.dim_users: lifecycle figures per user, measured to max_date (the newest event_date of all events). */
final class UsersReference {

    static final List<String> COLUMNS = List.of("user_id", "first_event_time", "first_event_date",
            "last_event_time", "last_event_date", "session_count", "event_count", "total_revenue",
            "purchase_count", "first_purchase_date", "last_purchase_date", "avg_order_value",
            "customer_lifespan_days", "days_since_last_activity", "days_since_last_purchase", "customer_ltv",
            "activity_status", "is_churned", "has_purchase_history", "data_quality_flag");

    /** Running totals of one user's events. */
    private static final class Tally {
        Instant firstTime;
        Instant lastTime;
        LocalDate firstDate;
        LocalDate lastDate;
        long events;
        long purchases;
        LocalDate firstPurchase;
        LocalDate lastPurchase;
        BigDecimal revenue;
        long revenueCount;

        void add(Event event) {
            firstTime = firstTime == null || event.time().isBefore(firstTime) ? event.time() : firstTime;
            lastTime = lastTime == null || event.time().isAfter(lastTime) ? event.time() : lastTime;
            firstDate = firstDate == null || event.date().isBefore(firstDate) ? event.date() : firstDate;
            lastDate = lastDate == null || event.date().isAfter(lastDate) ? event.date() : lastDate;
            events++;
            if (event.purchase()) {
                purchases++;
                firstPurchase = firstPurchase == null || event.date().isBefore(firstPurchase) ? event.date()
                        : firstPurchase;
                lastPurchase = lastPurchase == null || event.date().isAfter(lastPurchase) ? event.date()
                        : lastPurchase;
                if (event.revenue() != null) {
                    revenue = revenue == null ? event.revenue() : revenue.add(event.revenue());
                    revenueCount++;
                }
            }
        }
    }

    private UsersReference() {
    }

    static List<Map<String, Object>> build(List<Event> events, List<Map<String, Object>> sessions, ModelVars vars) {
        LocalDate maxDate = null;
        Map<String, Tally> tallies = new HashMap<>();
        for (Event event : events) {
            maxDate = maxDate == null || event.date().isAfter(maxDate) ? event.date() : maxDate;
            tallies.computeIfAbsent(event.userId(), u -> new Tally()).add(event);
        }
        // A session belongs to the user fct_sessions names (max user_id), so a user can have events but 0 sessions.
        Map<Object, Long> sessionCounts = new HashMap<>();
        for (Map<String, Object> session : sessions) {
            sessionCounts.merge(session.get("user_id"), 1L, Long::sum);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Tally> entry : tallies.entrySet()) {
            rows.add(row(entry.getKey(), entry.getValue(), sessionCounts.getOrDefault(entry.getKey(), 0L), maxDate,
                    vars));
        }
        return rows;
    }

    private static Map<String, Object> row(String user, Tally tally, long sessionCount, LocalDate maxDate,
            ModelVars vars) {
        boolean buyer = tally.purchases > 0;
        BigDecimal totalRevenue = buyer && tally.revenue != null ? tally.revenue.setScale(2, RoundingMode.HALF_UP)
                : null;
        // HALF_UP on BigDecimal is "half away from zero"; the division is exact before the one rounding step. The
        // spec is silent on purchases without a price (NULL revenue): like an SQL average, they are left out.
        BigDecimal averageOrder = tally.revenueCount > 0
                ? tally.revenue.divide(BigDecimal.valueOf(tally.revenueCount), 2, RoundingMode.HALF_UP) : null;
        long sinceActivity = ChronoUnit.DAYS.between(tally.lastDate, maxDate);
        Long sincePurchase = buyer ? ChronoUnit.DAYS.between(tally.lastPurchase, maxDate) : null;
        String status = status(buyer, sinceActivity, sincePurchase, vars);

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("user_id", user);
        row.put("first_event_time", tally.firstTime);
        row.put("first_event_date", tally.firstDate);
        row.put("last_event_time", tally.lastTime);
        row.put("last_event_date", tally.lastDate);
        row.put("session_count", sessionCount);
        row.put("event_count", tally.events);
        row.put("total_revenue", totalRevenue);
        row.put("purchase_count", tally.purchases);
        row.put("first_purchase_date", tally.firstPurchase);
        row.put("last_purchase_date", tally.lastPurchase);
        row.put("avg_order_value", averageOrder);
        row.put("customer_lifespan_days",
                buyer ? Math.max(ChronoUnit.DAYS.between(tally.firstPurchase, tally.lastPurchase), 1L) : null);
        row.put("days_since_last_activity", sinceActivity);
        row.put("days_since_last_purchase", sincePurchase);
        row.put("customer_ltv", totalRevenue);
        row.put("activity_status", status);
        row.put("is_churned", "churned".equals(status) ? 1L : 0L);
        row.put("has_purchase_history", buyer);
        row.put("data_quality_flag", qualityFlag(tally.events, sessionCount, vars));
        return row;
    }

    static String status(boolean buyer, long sinceActivity, Long sincePurchase, ModelVars vars) {
        if (!buyer) {
            return "prospect";
        }
        if (sincePurchase > vars.churnThresholdDays() && sinceActivity > vars.churnThresholdDays()) {
            return "churned";
        }
        if (sincePurchase > vars.atRiskThresholdDays()) {
            return "at_risk";
        }
        if (sincePurchase > vars.decliningThresholdDays()) {
            return "declining";
        }
        return "active";
    }

    /** event_count / session_count > ratio, compared exactly in integers (no division by a zero count). */
    static String qualityFlag(long events, long sessions, ModelVars vars) {
        if (sessions == 0) {
            return "missing_sessions";
        }
        return events > vars.sessionOutlierRatio() * sessions ? "anomalous_session_ratio" : null;
    }
}
