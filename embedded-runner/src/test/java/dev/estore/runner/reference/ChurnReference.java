package dev.estore.runner.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** marts.metrics_churn: cohort churn over customers observed for at least the window, overall and per month. */
final class ChurnReference {

    static final List<String> COLUMNS = List.of("metric_level", "time_period", "total_customers",
            "churned_customers", "churn_rate", "cohort_start", "cohort_end");

    /** The customers of one output row. */
    private static final class Cohort {
        long total;
        long churned;
        LocalDate start;
        LocalDate end;

        void add(LocalDate firstPurchase, boolean churnedInCohort) {
            total++;
            churned += churnedInCohort ? 1 : 0;
            start = start == null || firstPurchase.isBefore(start) ? firstPurchase : start;
            end = end == null || firstPurchase.isAfter(end) ? firstPurchase : end;
        }
    }

    private ChurnReference() {
    }

    static List<Map<String, Object>> build(List<Map<String, Object>> users, ModelVars vars) {
        List<Map<String, Object>> customers = users.stream()
                .filter(user -> (Long) user.get("purchase_count") > 0).toList();
        LocalDate datasetEnd = customers.stream().map(user -> (LocalDate) user.get("first_purchase_date"))
                .max(LocalDate::compareTo).orElse(null);
        Cohort overall = new Cohort();
        // Month rows are keyed by the month's first day; the spec's example '2019-10-01' is ISO text (choice (c)).
        Map<LocalDate, Cohort> months = new TreeMap<>();
        for (Map<String, Object> customer : customers) {
            LocalDate first = (LocalDate) customer.get("first_purchase_date");
            LocalDate last = (LocalDate) customer.get("last_purchase_date");
            if (ChronoUnit.DAYS.between(first, datasetEnd) < vars.cohortObservationWindowDays()) {
                continue;  // "at least the window before dataset_end": exactly the window is eligible
            }
            boolean churned = (Long) customer.get("purchase_count") == 1
                    || ChronoUnit.DAYS.between(first, last) <= vars.cohortObservationWindowDays();
            overall.add(first, churned);
            months.computeIfAbsent(first.withDayOfMonth(1), m -> new Cohort()).add(first, churned);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (overall.total == 0) {
            return rows;  // no eligible customer yet: an empty table, not NULL rates
        }
        rows.add(row("cohort_overall", "all_eligible_cohorts", overall));
        months.forEach((month, cohort) -> rows.add(row("by_cohort_month", month.toString(), cohort)));
        return rows;
    }

    private static Map<String, Object> row(String level, String period, Cohort cohort) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("metric_level", level);
        row.put("time_period", period);
        row.put("total_customers", cohort.total);
        row.put("churned_customers", cohort.churned);
        // Exact quotient, rounded once to 4 places half away from zero; compared as a double with a tolerance.
        row.put("churn_rate", BigDecimal.valueOf(cohort.churned)
                .divide(BigDecimal.valueOf(cohort.total), 4, RoundingMode.HALF_UP).doubleValue());
        row.put("cohort_start", cohort.start);
        row.put("cohort_end", cohort.end);
        return row;
    }
}
