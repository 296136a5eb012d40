package dev.estore.transform.project;

import java.util.Set;

/**
 * dbt's singular data test: a SELECT in the project's {@code tests/} folder that returns the rows breaking a rule
 * (none when it holds). It runs with the last model it refers to, in that model's build, and in {@code ./estore
 * test}.
 */
public record SingularTest(String name, String path, String sql, Set<String> refs) {

    public SingularTest {
        refs = Set.copyOf(refs);
    }
}
