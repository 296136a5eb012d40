package dev.estore.snapshot.definition;

import java.util.List;
import java.util.Optional;

/** Every snapshot this service takes, in name order. */
public final class SnapshotCatalog {

    private final List<SnapshotDefinition> definitions;

    public SnapshotCatalog(List<SnapshotDefinition> definitions) {
        this.definitions = List.copyOf(definitions);
    }

    public List<SnapshotDefinition> all() {
        return definitions;
    }

    public Optional<SnapshotDefinition> find(String name) {
        return definitions.stream().filter(definition -> definition.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return definitions.stream().map(SnapshotDefinition::name).toList();
    }
}
