package dev.estore.transform.select;

import dev.estore.transform.project.ModelDefinition;
import dev.estore.transform.project.ModelProject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * dbt's node selection over the model DAG, as {@code --select} / {@code --exclude} read it:
 * <ul>
 * <li>{@code fct_events} a model (a {@code *} glob matches names: {@code stg_*});</li>
 * <li>{@code +m} with its ancestors, {@code m+} with its descendants, {@code 2+m} / {@code m+1} to that depth,
 * {@code +m+} both; {@code @m} its descendants and all their ancestors (what building them needs);</li>
 * <li>{@code tag:customers}, {@code path:marts} (a folder or file under models/),
 * {@code config.materialized:incremental}, {@code config.incremental_strategy:fold};</li>
 * <li>{@code state:modified} the models whose SQL or build settings differ from an earlier {@link Manifest} (or
 * that it lacks), {@code state:new} those it lacks; {@code state:modified+} with their children: the slim build;</li>
 * <li>a comma joins conditions that must all hold ({@code tag:customers,config.materialized:table}); a space,
 * or another {@code --select}, adds.</li>
 * </ul>
 * The result is in build order. A plain name no model has is an error naming the models, as a typo should be;
 * a method that matches nothing selects nothing.
 */
public final class NodeSelector {

    private static final Pattern GRAPH = Pattern.compile("^(@)?(?:(\\d*)\\+)?(.+?)(?:\\+(\\d*))?$");

    private final ModelProject project;
    private final Manifest state;
    private final Map<String, Set<String>> children = new HashMap<>();

    public NodeSelector(ModelProject project) {
        this(project, null);
    }

    /** {@code state}: the manifest {@code state:} selectors compare with (dbt's --state); null when none. */
    public NodeSelector(ModelProject project, Manifest state) {
        this.project = project;
        this.state = state;
        for (String name : project.buildOrder()) {
            project.model(name).upstream().stream().filter(project::has)
                    .forEach(parent -> children.computeIfAbsent(parent, key -> new LinkedHashSet<>()).add(name));
        }
    }

    /** The models {@code select} names (all when it is empty) less those {@code exclude} names, in build order. */
    public List<String> select(List<String> select, List<String> exclude) {
        Set<String> chosen = select.isEmpty() ? new LinkedHashSet<>(project.buildOrder()) : union(select);
        chosen.removeAll(union(exclude));
        return project.buildOrder().stream().filter(chosen::contains).toList();
    }

    private Set<String> union(List<String> specs) {
        Set<String> result = new LinkedHashSet<>();
        for (String spec : specs) {
            for (String term : spec.trim().split("\\s+")) {
                if (!term.isEmpty()) {
                    result.addAll(intersection(term));
                }
            }
        }
        return result;
    }

    private Set<String> intersection(String term) {
        Set<String> result = null;
        for (String atom : term.split(",")) {
            Set<String> matched = atom(atom.trim());
            if (result == null) {
                result = matched;
            } else {
                result.retainAll(matched);
            }
        }
        return result == null ? new LinkedHashSet<>() : result;
    }

    private Set<String> atom(String atom) {
        Matcher graph = GRAPH.matcher(atom);
        if (atom.isEmpty() || !graph.matches()) {
            throw new IllegalArgumentException("'" + atom + "' is not a selector: use a model name (fct_events), "
                    + "+name, name+, @name, tag:x, path:marts or config.materialized:table");
        }
        boolean at = graph.group(1) != null;
        Set<String> core = core(graph.group(3));
        Set<String> result = new LinkedHashSet<>(core);
        if (at) {
            Set<String> descendants = walk(core, children, Integer.MAX_VALUE);
            result.addAll(descendants);
            result.addAll(walk(descendants, parentsMap(), Integer.MAX_VALUE));
            return result;
        }
        if (graph.group(2) != null) {
            result.addAll(walk(core, parentsMap(), depth(graph.group(2))));
        }
        if (graph.group(4) != null) {
            result.addAll(walk(core, children, depth(graph.group(4))));
        }
        return result;
    }

    private static int depth(String digits) {
        return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private Map<String, Set<String>> parentsMap() {
        Map<String, Set<String>> parents = new HashMap<>();
        project.buildOrder().forEach(name -> parents.put(name, project.model(name).upstream().stream()
                .filter(project::has).collect(Collectors.toCollection(LinkedHashSet::new))));
        return parents;
    }

    /** The nodes reachable from {@code start} along {@code edges} in at most {@code depth} steps, start included. */
    private static Set<String> walk(Set<String> start, Map<String, Set<String>> edges, int depth) {
        Set<String> reached = new LinkedHashSet<>(start);
        Deque<String> frontier = new ArrayDeque<>(start);
        for (int step = 0; step < depth && !frontier.isEmpty(); step++) {
            Deque<String> next = new ArrayDeque<>();
            for (String node : frontier) {
                for (String neighbour : edges.getOrDefault(node, Set.of())) {
                    if (reached.add(neighbour)) {
                        next.add(neighbour);
                    }
                }
            }
            frontier = next;
        }
        return reached;
    }

    private Set<String> core(String core) {
        int colon = core.indexOf(':');
        if (colon < 0) {
            return byName(core);
        }
        String method = core.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = core.substring(colon + 1);
        return switch (method) {
            case "tag" -> matching(model -> model.tags().contains(value));
            case "path" -> matching(model -> underPath(model.path(), value));
            case "config.materialized" -> matching(model -> model.materialization().name().equalsIgnoreCase(value));
            case "config.incremental_strategy" -> matching(model -> model.incrementalStrategy() != null
                    && model.incrementalStrategy().yamlName().equalsIgnoreCase(value));
            case "state" -> state(value);
            default -> throw new IllegalArgumentException("Unknown selector method '" + method + "' in '" + core
                    + "': use tag:, path:, config.materialized:, config.incremental_strategy: or state:");
        };
    }

    private Set<String> state(String value) {
        if (state == null) {
            throw new IllegalArgumentException("state:" + value + " compares with an earlier manifest: give --state DIR "
                    + "(the --target-path of an earlier build, ls or compile, e.g. production's)");
        }
        Manifest now = Manifest.of(project);
        return switch (value) {
            case "modified" -> new LinkedHashSet<>(now.modifiedSince(state));
            case "new" -> matching(model -> !state.models().containsKey(model.name()));
            default -> throw new IllegalArgumentException("state:" + value + " is not known: use state:modified "
                    + "or state:new");
        };
    }

    private Set<String> byName(String pattern) {
        if (!pattern.contains("*")) {
            if (!project.has(pattern)) {
                throw new IllegalArgumentException("No model named '" + pattern + "'. Models: "
                        + project.buildOrder());
            }
            return new LinkedHashSet<>(List.of(pattern));
        }
        Pattern glob = Pattern.compile(java.util.Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
        return matching(model -> glob.matcher(model.name()).matches());
    }

    /** {@code path:marts}, {@code path:models/marts}, {@code path:marts/fct_events.sql} all name files under it. */
    private static boolean underPath(String modelPath, String value) {
        String relative = modelPath.startsWith("models/") ? modelPath.substring("models/".length()) : modelPath;
        String wanted = value.replaceFirst("^models/", "").replaceAll("/+$", "");
        return relative.equals(wanted) || relative.startsWith(wanted + "/")
                || relative.equals(wanted + ".sql");
    }

    private Set<String> matching(java.util.function.Predicate<ModelDefinition> test) {
        return project.buildOrder().stream().filter(name -> test.test(project.model(name)))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
