package dev.estore.runner.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** marts.dim_categories: one row per category_id with its greatest code and the code's four levels. */
final class CategoriesReference {

    static final List<String> COLUMNS = List.of("raw_category_id", "category_code", "category_lvl_1",
            "category_lvl_2", "category_lvl_3", "category_lvl_4");

    private CategoriesReference() {
    }

    static List<Map<String, Object>> build(List<Event> events) {
        // Every category_id seen, mapped to its greatest non-null code (or null when it never had one).
        Map<String, String> codes = new TreeMap<>();
        for (Event event : events) {
            // category_id is tested not_null, so a NULL id has no row to land in; skip it rather than invent one.
            if (event.categoryId() == null) {
                continue;
            }
            codes.merge(event.categoryId(), event.categoryCode() == null ? "" : event.categoryCode(),
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        codes.forEach((id, code) -> {
            String known = code.isEmpty() ? null : code;  // staging already turns empty codes into NULL
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("raw_category_id", id);
            row.put("category_code", known);
            for (int level = 1; level <= 4; level++) {
                row.put("category_lvl_" + level, level(known, level));
            }
            rows.add(row);
        });
        return rows;
    }

    /**
     * The n-th dot-separated part, or null when the code has fewer parts. The spec is silent on an empty part
     * ("a..b"); it is read as absent too, since an empty level names nothing.
     */
    static String level(String code, int n) {
        if (code == null) {
            return null;
        }
        String[] parts = code.split("\\.", -1);
        if (parts.length < n || parts[n - 1].isEmpty()) {
            return null;
        }
        return parts[n - 1];
    }
}
