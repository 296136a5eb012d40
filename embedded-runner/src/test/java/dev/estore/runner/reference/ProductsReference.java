package dev.estore.runner.reference;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** marts.dim_products: each product's most frequent (brand, category_id) pair, with its category's levels. */
final class ProductsReference {

    static final List<String> COLUMNS = List.of("product_id", "brand", "category_id", "category_code",
            "category_lvl_1", "category_lvl_2", "category_lvl_3", "category_lvl_4");

    /** One (brand, category_id) combination of a product; either part may be null. */
    private record Pair(String brand, String categoryId) {
    }

    /**
     * Most events first; ties: a non-null brand, then the smaller brand, then the smaller category_id. The spec
     * does not say how ids compare; they are INT64 in the source, so they compare as numbers (the SQL's
     * documented choice (a)), and a null id (never expected: it is tested not_null) comes last.
     */
    private static final Comparator<Map.Entry<Pair, Long>> PREFERENCE =
            Comparator.<Map.Entry<Pair, Long>>comparingLong(Map.Entry::getValue).reversed()
                    .thenComparing(entry -> entry.getKey().brand(), Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(entry -> number(entry.getKey().categoryId()),
                            Comparator.nullsLast(Comparator.naturalOrder()));

    private ProductsReference() {
    }

    static List<Map<String, Object>> build(List<Event> events, List<Map<String, Object>> categories) {
        Map<String, Map<Pair, Long>> pairs = new HashMap<>();
        for (Event event : events) {
            pairs.computeIfAbsent(event.productId(), p -> new HashMap<>())
                    .merge(new Pair(event.brand(), event.categoryId()), 1L, Long::sum);
        }
        Map<Object, Map<String, Object>> categoryById = new HashMap<>();
        for (Map<String, Object> category : categories) {
            categoryById.put(category.get("raw_category_id"), category);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        pairs.forEach((product, counts) -> {
            Pair chosen = counts.entrySet().stream().min(PREFERENCE).orElseThrow().getKey();
            Map<String, Object> category = categoryById.getOrDefault(chosen.categoryId(), Map.of());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("product_id", product);
            row.put("brand", chosen.brand());
            row.put("category_id", chosen.categoryId());
            row.put("category_code", category.get("category_code"));
            for (int level = 1; level <= 4; level++) {
                row.put("category_lvl_" + level, category.get("category_lvl_" + level));
            }
            rows.add(row);
        });
        return rows;
    }

    private static BigInteger number(String id) {
        return id == null ? null : new BigInteger(id);
    }
}
