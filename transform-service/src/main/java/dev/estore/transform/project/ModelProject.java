package dev.estore.transform.project;

import dev.estore.transform.sql.Macros;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every model with the dependency graph their refs form. Built once at startup; a reference to a missing model
 * or a cycle is an error that names the models involved.
 */
public final class ModelProject {

    private final Map<String, ModelDefinition> models;
    private final Map<String, List<String>> sources;
    private final Map<String, String> varDefaults;
    private final Macros macros;
    private Freshness freshness;
    private List<SingularTest> singularTests = List.of();
    private Map<String, Seed> seeds = Map.of();
    private List<UnitTest> unitTests = List.of();
    private final Map<String, Set<String>> downstream = new HashMap<>();
    private final List<String> order;

    public ModelProject(Collection<ModelDefinition> definitions, Map<String, List<String>> sources,
            Map<String, String> varDefaults) {
        this(definitions, sources, varDefaults, Macros.none());
    }

    public ModelProject(Collection<ModelDefinition> definitions, Map<String, List<String>> sources,
            Map<String, String> varDefaults, Macros macros) {
        this.macros = macros;
        Map<String, ModelDefinition> byName = new TreeMap<>();
        for (ModelDefinition model : definitions) {
            ModelDefinition twin = byName.put(model.name(), model);
            if (twin != null) {
                throw new ProjectException("Two models are named " + model.name() + ": " + twin.path() + " and "
                        + model.path() + ". Model names must be unique.");
            }
        }
        this.models = byName;
        this.sources = Map.copyOf(sources);
        this.varDefaults = Map.copyOf(varDefaults);
        for (ModelDefinition model : byName.values()) {
            downstream.putIfAbsent(model.name(), new LinkedHashSet<>());
            for (String parent : model.upstream()) {
                if (!byName.containsKey(parent)) {
                    throw new ProjectException(model.path() + " refers to ref('" + parent
                            + "'), but no model has that name. Models: " + byName.keySet());
                }
                downstream.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(model.name());
            }
        }
        this.order = topologicalOrder();
    }

    /** The sources' freshness thresholds from project.yml; empty when the project sets none. */
    public java.util.Optional<Freshness> freshness() {
        return java.util.Optional.ofNullable(freshness);
    }

    /** The models' unit tests (unit_tests in their YAML). */
    public List<UnitTest> unitTests() {
        return unitTests;
    }

    /** Records the unit tests (the loader calls it once, before use). */
    ModelProject withUnitTests(List<UnitTest> tests) {
        this.unitTests = List.copyOf(tests);
        return this;
    }

    /** A seed of the project's seeds/ folder (built as the model of the same name). */
    public java.util.Optional<Seed> seed(String name) {
        return java.util.Optional.ofNullable(seeds.get(name));
    }

    /** Records the seeds (the loader calls it once, before use). */
    ModelProject withSeeds(List<Seed> list) {
        Map<String, Seed> byName = new LinkedHashMap<>();
        list.forEach(seed -> byName.put(seed.name(), seed));
        this.seeds = java.util.Collections.unmodifiableMap(byName);
        return this;
    }

    /** The singular tests of the project's tests/ folder. */
    public List<SingularTest> singularTests() {
        return singularTests;
    }

    /** Records the singular tests (the loader calls it once, before use); a ref to no model is refused. */
    ModelProject withSingularTests(List<SingularTest> tests) {
        for (SingularTest test : tests) {
            test.refs().stream().filter(ref -> !models.containsKey(ref)).findFirst().ifPresent(ref -> {
                throw new ProjectException(test.path() + " refers to ref('" + ref + "'), but no model has that name. "
                        + "Models: " + models.keySet());
            });
        }
        this.singularTests = List.copyOf(tests);
        return this;
    }

    /** Records the freshness thresholds read from project.yml (the loader calls it once, before use). */
    ModelProject withFreshness(Freshness thresholds) {
        this.freshness = thresholds;
        return this;
    }

    /**
     * The project as a build into another target sees it (dbt's targets with defer): the {@code chosen} models
     * live in their schema with {@code suffix} ({@code marts_dev}), every other model stays where production has
     * it, so a chosen model's ref() to an unchosen one reads production's table.
     */
    public ModelProject retargeted(Set<String> chosen, String suffix) {
        List<ModelDefinition> moved = new ArrayList<>();
        for (ModelDefinition model : models.values()) {
            moved.add(!chosen.contains(model.name()) ? model : new ModelDefinition(model.name(),
                    model.schema() + suffix, model.path(), model.sql(), model.description(), model.materialization(),
                    model.incremental(), model.uniqueKey(), model.partitionBy(), model.clusterBy(), model.columns(),
                    model.tests(), model.reports(), model.upstream(), model.readsSources(), model.windowColumn(),
                    model.statusChange(), model.postHooks(), model.tags(), model.sortOnWrite()));
        }
        return new ModelProject(moved, sources, varDefaults, macros).withFreshness(freshness)
                .withSingularTests(singularTests).withSeeds(List.copyOf(seeds.values())).withUnitTests(unitTests);
    }

    /** The macros of the project's macros/ folder. */
    public Macros macros() {
        return macros;
    }

    public ModelDefinition model(String name) {
        ModelDefinition model = models.get(name);
        if (model == null) {
            throw new IllegalArgumentException("No model named '" + name + "'. Models: " + models.keySet());
        }
        return model;
    }

    public boolean has(String name) {
        return models.containsKey(name);
    }

    /** All models, parents before children (ties by name, so the order is stable). */
    public List<String> buildOrder() {
        return order;
    }

    public Set<String> downstreamOf(String name) {
        return downstream.getOrDefault(name, Set.of());
    }

    /** The model and every model that depends on it, directly or not. */
    public Set<String> withDescendants(String name) {
        model(name);
        Set<String> result = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (result.add(next)) {
                todo.addAll(downstreamOf(next));
            }
        }
        return result;
    }

    public Map<String, List<String>> sources() {
        return sources;
    }

    public Map<String, String> varDefaults() {
        return varDefaults;
    }

    public List<String> schemas() {
        return models.values().stream().map(ModelDefinition::schema).distinct().sorted().toList();
    }

    /** Kahn's algorithm; what is left over when no model is free lies on a cycle. */
    private List<String> topologicalOrder() {
        Map<String, Integer> waitingOn = new LinkedHashMap<>();
        models.values().forEach(model -> waitingOn.put(model.name(), model.upstream().size()));
        TreeMap<String, Boolean> ready = new TreeMap<>();
        waitingOn.forEach((name, count) -> {
            if (count == 0) {
                ready.put(name, true);
            }
        });
        List<String> result = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.pollFirstEntry().getKey();
            result.add(next);
            for (String child : downstreamOf(next)) {
                if (waitingOn.merge(child, -1, Integer::sum) == 0) {
                    ready.put(child, true);
                }
            }
        }
        if (result.size() != models.size()) {
            List<String> onCycle = onCycles(waitingOn.entrySet().stream().filter(entry -> entry.getValue() > 0)
                    .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
            throw new ProjectException("The models " + onCycle + " depend on each other in a cycle; "
                    + "break it by removing one of their ref(...) calls.");
        }
        return List.copyOf(result);
    }

    /**
     * Of the models Kahn's algorithm could not order, those merely downstream of a cycle are peeled off (they
     * have no child left among the rest), so the error names only the models that form the cycle.
     */
    private List<String> onCycles(Set<String> unordered) {
        boolean peeled = true;
        while (peeled) {
            peeled = unordered.removeIf(name -> downstreamOf(name).stream().noneMatch(unordered::contains));
        }
        return List.copyOf(unordered);
    }
}
