package dev.estore.runner.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** marts.dim_user_rfm: recency, frequency and monetary scores and the segment of every customer. */
final class RfmReference {

    static final List<String> COLUMNS = List.of("user_id", "recency_score", "frequency_score", "monetary_score",
            "rfm_score", "rfm_segment");

    private static final Comparator<Map<String, Object>> BY_USER_ID =
            Comparator.comparing(user -> (String) user.get("user_id"));

    private RfmReference() {
    }

    static List<Map<String, Object>> build(List<Map<String, Object>> users) {
        List<Map<String, Object>> customers = users.stream()
                .filter(user -> (Long) user.get("purchase_count") > 0).toList();

        // Larger days_since_last_purchase first, so the most recent buyers land in bucket 5.
        Map<Object, Integer> recency = ntile(customers, Comparator.<Map<String, Object>, Long>comparing(
                user -> (Long) user.get("days_since_last_purchase")).reversed().thenComparing(BY_USER_ID));
        // Spec is silent on a customer whose total_revenue is NULL (purchases without a price): it ranks lowest,
        // the SQL's documented choice (b).
        Map<Object, Integer> monetary = ntile(customers, Comparator.<Map<String, Object>, BigDecimal>comparing(
                user -> (BigDecimal) user.get("total_revenue"), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(BY_USER_ID));
        Map<Object, Integer> frequency = frequencyScores(customers);

        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> customer : customers) {
            Object id = customer.get("user_id");
            int r = recency.get(id);
            int f = frequency.get(id);
            int m = monetary.get(id);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("user_id", id);
            row.put("recency_score", (long) r);
            row.put("frequency_score", (long) f);
            row.put("monetary_score", (long) m);
            row.put("rfm_score", (long) (r + f + m));
            row.put("rfm_segment", segment(r, f, m));
            rows.add(row);
        }
        return rows;
    }

    /**
     * Standard NTILE(5) over the given total order: n rows make 5 buckets of n / 5 rows, of which the first
     * n % 5 take one row more (with fewer than 5 rows, buckets 1..n get one row each).
     */
    static Map<Object, Integer> ntile(List<Map<String, Object>> rows, Comparator<Map<String, Object>> order) {
        List<Map<String, Object>> sorted = new ArrayList<>(rows);
        sorted.sort(order);
        int n = sorted.size();
        int base = n / 5;
        int larger = n % 5;
        Map<Object, Integer> buckets = new HashMap<>();
        int position = 0;
        for (int bucket = 1; bucket <= 5; bucket++) {
            int size = base + (bucket <= larger ? 1 : 0);
            for (int i = 0; i < size; i++) {
                buckets.put(sorted.get(position++).get("user_id"), bucket);
            }
        }
        return buckets;
    }

    /**
     * PERCENT_RANK over purchase_count ascending: (rank - 1) / (n - 1), rank = 1 + customers with fewer purchases
     * (ties share a rank), 0 when there is one customer. The fifths are compared exactly as fractions:
     * (rank - 1) / (n - 1) < k / 5  ⇔  5 (rank - 1) < k (n - 1).
     */
    static Map<Object, Integer> frequencyScores(List<Map<String, Object>> customers) {
        List<Long> counts = customers.stream().map(user -> (Long) user.get("purchase_count")).sorted().toList();
        long n = counts.size();
        Map<Object, Integer> scores = new HashMap<>();
        for (Map<String, Object> customer : customers) {
            long purchases = (Long) customer.get("purchase_count");
            long fewer = lowerBound(counts, purchases);
            int score = 5;
            if (n <= 1) {
                score = 1;
            } else {
                for (int k = 1; k <= 4; k++) {
                    if (5 * fewer < k * (n - 1)) {
                        score = k;
                        break;
                    }
                }
            }
            scores.put(customer.get("user_id"), score);
        }
        return scores;
    }

    /** How many of the sorted values are smaller than the given one. */
    private static long lowerBound(List<Long> sorted, long value) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted.get(middle) < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The first of the spec's nine rules that matches. */
    static String segment(int r, int f, int m) {
        if (r >= 4 && f >= 4 && m >= 4) {
            return "Champions";
        }
        if (r <= 2 && f >= 4 && m >= 4) {
            return "At Risk";
        }
        if (r >= 4 && f >= 3) {
            return "Loyal Customers";
        }
        if (r >= 3 && f >= 3) {
            return "Potential Loyalists";
        }
        if (r >= 4 && f < 3) {
            return "Recent Customers";
        }
        if (r == 3 && f < 3) {
            return "Promising";
        }
        if (r <= 2 && f >= 3) {
            return "About To Sleep";
        }
        if (r <= 2 && f <= 2 && m <= 2) {
            return "Lost";
        }
        return "Needs Attention";
    }
}
