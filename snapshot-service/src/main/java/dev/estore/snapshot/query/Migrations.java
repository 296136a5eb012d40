package dev.estore.snapshot.query;

import java.time.Instant;
import java.util.List;

/**
 * How the keys present at both instants moved between values of a column: one transition per (from value,
 * to value) pair, unchanged pairs included, so the counts add up to {@code keys}.
 *
 * @param moved the keys whose value differs between the two instants (NULL-safe)
 */
public record Migrations(String snapshot, String column, Instant from, Instant to, long keys, long moved,
        List<Transition> transitions) {

    public Migrations {
        transitions = List.copyOf(transitions);
    }

    public record Transition(Object from, Object to, long count) {
    }
}
