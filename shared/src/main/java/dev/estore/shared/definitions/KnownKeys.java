package dev.estore.shared.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Definition files (model metadata, snapshots, the semantic layer) are read strictly: a key the reader does not
 * know is a typo or a feature that does not exist ({@code materialised:}), and ignoring it would change what is
 * built without a word. One rule for the three readers, each of which wraps the problem in its own exception.
 */
public final class KnownKeys {

    private KnownKeys() {
    }

    /**
     * The problem with an object's keys, naming the file, where in it, the unknown keys and the allowed ones;
     * empty when every key is allowed (or the node is not an object: its reader says what it should be).
     */
    public static Optional<String> problem(String file, String where, JsonNode node, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                unknown.add(key);
            }
        });
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(file + ": unknown key" + (unknown.size() > 1 ? "s " : " ") + unknown
                + (where == null || where.isEmpty() ? "" : " in " + where) + "; allowed: " + new TreeSet<>(allowed));
    }
}
