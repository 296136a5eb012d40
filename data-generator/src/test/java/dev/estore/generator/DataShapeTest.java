package dev.estore.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The structures the analytics rely on exist, also in small runs. */
class DataShapeTest {

    @TempDir
    Path tmp;

    @Test
    void twentyThousandEventsHaveEveryStructure() throws IOException {
        Dataset data = Dataset.read(EventGeneratorTest.generate(tmp, 20_000, 42, false));
        assertStructures(data);

        // Shares are close to the real data's.
        Map<String, Integer> types = count(data, Dataset.Row::type);
        double rows = data.rows().size();
        assertThat(types.get("view") / rows).isBetween(0.88, 0.95);
        assertThat(types.get("cart") / rows).isBetween(0.04, 0.07);
        assertThat(types.get("purchase") / rows).isBetween(0.01, 0.025);
        Map<String, List<Dataset.Row>> sessions = sessions(data);
        assertThat(sessionsWithLongPause(sessions) / (double) sessions.size()).isBetween(0.01, 0.04);
        assertThat(duplicateRows(data) / rows).isBetween(0.003, 0.008);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void fiveThousandEventsHaveEveryStructure(long seed) throws IOException {
        assertStructures(Dataset.read(EventGeneratorTest.generate(tmp, 5_000, seed, false)));
    }

    private static void assertStructures(Dataset data) {
        // Exact duplicates, close to their original.
        assertThat(duplicateRows(data)).isPositive();
        Map<String, Integer> lastSeen = new HashMap<>();
        for (int i = 0; i < data.rows().size(); i++) {
            Integer before = lastSeen.put(data.rows().get(i).line(), i);
            if (before != null) {
                assertThat(i - before).isLessThan(50);
            }
        }

        // Products under two brands, and under two spellings of one brand.
        Map<String, Set<String>> brands = new HashMap<>();
        for (Dataset.Row r : data.rows()) {
            brands.computeIfAbsent(r.productId(), k -> new HashSet<>()).add(r.brand());
        }
        assertThat(brands.values()).anyMatch(b -> lowerCased(b).size() >= 2);
        assertThat(brands.values()).anyMatch(b -> b.size() >= 2 && lowerCased(b).size() == 1);

        // A product keeps its category; its price moves only a little.
        Map<String, Set<String>> categories = new HashMap<>();
        Map<String, double[]> priceRange = new HashMap<>();
        for (Dataset.Row r : data.rows()) {
            categories.computeIfAbsent(r.productId(), k -> new HashSet<>()).add(r.categoryId() + "/" + r.categoryCode());
            double price = Double.parseDouble(r.price());
            priceRange.merge(r.productId(), new double[] {price, price},
                    (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        assertThat(categories.values()).allMatch(c -> c.size() == 1);
        assertThat(priceRange.values()).allMatch(r -> r[1] <= r[0] * 1.14);

        // Empty brand, category code and session id.
        assertThat(data.rows()).anyMatch(r -> r.brand().isEmpty());
        assertThat(data.rows()).anyMatch(r -> r.categoryCode().isEmpty());
        assertThat(data.rows()).anyMatch(r -> !r.categoryCode().isEmpty());
        assertThat(data.rows()).anyMatch(r -> r.session().isEmpty());

        // Sessions: multi-event ones, resumed ones, and the exact one-hour boundary on both sides.
        Map<String, List<Dataset.Row>> sessions = sessions(data);
        assertThat(sessions.values()).anyMatch(s -> s.size() >= 5);
        assertThat(sessionsWithLongPause(sessions)).isPositive();
        assertThat(gaps(sessions)).contains(3600L, 3601L);

        // Every purchase follows a cart of the same product in the same session.
        int purchases = 0;
        for (List<Dataset.Row> session : sessions.values()) {
            Set<String> carted = new HashSet<>();
            for (Dataset.Row r : session) {
                if (r.type().equals("cart")) {
                    carted.add(r.productId());
                } else if (r.type().equals("purchase")) {
                    assertThat(carted).as(r.line()).contains(r.productId());
                    purchases++;
                }
            }
        }
        assertThat(purchases).isPositive();

        // Users: returning across months, one-session visitors, loyal buyers and prospects.
        Map<String, Set<Integer>> months = new HashMap<>();
        Map<String, Set<String>> userSessions = new HashMap<>();
        Map<String, Integer> bought = new HashMap<>();
        Set<Integer> purchaseMonths = new HashSet<>();
        for (Dataset.Row r : data.rows()) {
            months.computeIfAbsent(r.userId(), k -> new HashSet<>()).add(r.month());
            if (!r.session().isEmpty()) {
                userSessions.computeIfAbsent(r.userId(), k -> new HashSet<>()).add(r.session());
            }
            if (r.type().equals("purchase")) {
                bought.merge(r.userId(), 1, Integer::sum);
                purchaseMonths.add(r.month());
            }
        }
        assertThat(months.values()).anyMatch(m -> m.size() >= 3);
        assertThat(userSessions.values()).anyMatch(s -> s.size() == 1);
        assertThat(bought.values()).anyMatch(n -> n >= 3);
        assertThat(months.keySet()).anyMatch(u -> !bought.containsKey(u));
        assertThat(purchaseMonths.size()).isGreaterThanOrEqualTo(3);

        // remove_from_cart only shows up in the later months.
        assertThat(data.rows()).filteredOn(r -> r.type().equals("remove_from_cart"))
                .allMatch(r -> r.month() >= SessionPlanner.FIRST_MONTH_WITH_REMOVALS);
    }

    private static Set<String> lowerCased(Set<String> brands) {
        Set<String> out = new HashSet<>();
        for (String b : brands) {
            if (!b.isEmpty()) {
                out.add(b.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static long duplicateRows(Dataset data) {
        Set<String> seen = new HashSet<>();
        return data.rows().stream().filter(r -> !seen.add(r.line())).count();
    }

    /** Rows per non-empty session id, in file (= time) order. */
    private static Map<String, List<Dataset.Row>> sessions(Dataset data) {
        Map<String, List<Dataset.Row>> out = new HashMap<>();
        for (Dataset.Row r : data.rows()) {
            if (!r.session().isEmpty()) {
                out.computeIfAbsent(r.session(), k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    private static long sessionsWithLongPause(Map<String, List<Dataset.Row>> sessions) {
        return sessions.values().stream().filter(s -> {
            for (int i = 1; i < s.size(); i++) {
                if (s.get(i).seconds() - s.get(i - 1).seconds() > 3600) {
                    return true;
                }
            }
            return false;
        }).count();
    }

    private static Set<Long> gaps(Map<String, List<Dataset.Row>> sessions) {
        Set<Long> out = new HashSet<>();
        for (List<Dataset.Row> s : sessions.values()) {
            for (int i = 1; i < s.size(); i++) {
                out.add(s.get(i).seconds() - s.get(i - 1).seconds());
            }
        }
        return out;
    }

    private static Map<String, Integer> count(Dataset data, java.util.function.Function<Dataset.Row, String> key) {
        Map<String, Integer> out = new HashMap<>();
        for (Dataset.Row r : data.rows()) {
            out.merge(key.apply(r), 1, Integer::sum);
        }
        return out;
    }
}
