package dev.estore.transform.project;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's unit test of a model, in its YAML: given rows for the models it reads, the rows it must return (only the
 * columns named in them are compared). It runs on stand-in tables, never on the warehouse's own.
 *
 * <pre>
 * unit_tests:
 *   - name: a_gap_over_an_hour_starts_a_new_session
 *     given:
 *       - input: ref('fct_events')
 *         rows:
 *           - {user_session: s1, event_time: "2019-10-01 10:00:00", ...}
 *     expect:
 *       rows:
 *         - {session_id: s1, event_count: 1}
 * </pre>
 */
public record UnitTest(String model, String name, Map<String, List<Map<String, String>>> given,
        List<Map<String, String>> expect) {

    private static final Pattern REF = Pattern.compile("\\s*ref\\(\\s*'([A-Za-z0-9_]+)'\\s*\\)\\s*");

    static List<UnitTest> parse(String model, JsonNode list, String path) {
        List<UnitTest> tests = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return tests;
        }
        if (!list.isArray()) {
            throw new ProjectException(path + ": unit_tests is a list of {name, given, expect}");
        }
        for (JsonNode test : list) {
            dev.estore.shared.definitions.KnownKeys.problem(path, "a unit test", test,
                    java.util.Set.of("name", "description", "given", "expect")).ifPresent(problem -> {
                        throw new ProjectException(problem);
                    });
            String name = test.path("name").asText("");
            if (name.isBlank()) {
                throw new ProjectException(path + ": a unit test needs a name");
            }
            Map<String, List<Map<String, String>>> given = new LinkedHashMap<>();
            for (JsonNode input : test.path("given")) {
                Matcher ref = REF.matcher(input.path("input").asText(""));
                if (!ref.matches()) {
                    throw new ProjectException(path + ": unit test " + name + ": given input is ref('model'); got "
                            + input.path("input"));
                }
                given.put(ref.group(1), rows(input.path("rows")));
            }
            tests.add(new UnitTest(model, name, given, rows(test.path("expect").path("rows"))));
        }
        return tests;
    }

    private static List<Map<String, String>> rows(JsonNode rows) {
        List<Map<String, String>> list = new ArrayList<>();
        for (JsonNode row : rows) {
            Map<String, String> values = new LinkedHashMap<>();
            row.fields().forEachRemaining(field -> values.put(field.getKey(),
                    field.getValue().isNull() ? null : field.getValue().asText()));
            list.add(values);
        }
        return list;
    }
}
