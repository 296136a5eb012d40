package dev.estore.runner.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent, plain-Java reading of models.md: from the rows of marts.fct_events it computes what every
 * downstream mart must hold. Each mart is built only from fct_events and this class's own results (never from the
 * warehouse's other tables), so a wrong table upstream cannot hide a wrong table downstream.
 */
public final class MartsReference {

    /** Each mart's columns, in the order this reference writes them. */
    public static final Map<String, List<String>> COLUMNS = Map.of(
            "fct_sessions", SessionsReference.COLUMNS,
            "dim_categories", CategoriesReference.COLUMNS,
            "dim_products", ProductsReference.COLUMNS,
            "dim_users", UsersReference.COLUMNS,
            "dim_user_rfm", RfmReference.COLUMNS,
            "metrics_churn", ChurnReference.COLUMNS);

    /** Each mart's key: the column(s) that name one row. */
    public static final Map<String, List<String>> KEYS = Map.of(
            "fct_sessions", List.of("session_id"),
            "dim_categories", List.of("raw_category_id"),
            "dim_products", List.of("product_id"),
            "dim_users", List.of("user_id"),
            "dim_user_rfm", List.of("user_id"),
            "metrics_churn", List.of("metric_level", "time_period"));

    private MartsReference() {
    }

    /** The expected rows of every mart, by table name, from fct_events rows as the warehouse returns them. */
    public static Map<String, List<Map<String, Object>>> compute(List<Map<String, Object>> factEvents,
            ModelVars vars) {
        List<Event> events = factEvents.stream().map(Event::of).toList();
        List<Map<String, Object>> sessions = SessionsReference.build(events, vars);
        List<Map<String, Object>> categories = CategoriesReference.build(events);
        List<Map<String, Object>> products = ProductsReference.build(events, categories);
        List<Map<String, Object>> users = UsersReference.build(events, sessions, vars);
        List<Map<String, Object>> rfm = RfmReference.build(users);
        List<Map<String, Object>> churn = ChurnReference.build(users, vars);

        Map<String, List<Map<String, Object>>> marts = new LinkedHashMap<>();
        marts.put("fct_sessions", sessions);
        marts.put("dim_categories", categories);
        marts.put("dim_products", products);
        marts.put("dim_users", users);
        marts.put("dim_user_rfm", rfm);
        marts.put("metrics_churn", churn);
        return marts;
    }
}
