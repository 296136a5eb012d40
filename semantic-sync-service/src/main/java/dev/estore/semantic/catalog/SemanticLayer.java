package dev.estore.semantic.catalog;

import dev.estore.semantic.model.SemanticModel;
import dev.estore.semantic.model.SemanticModelLoader;
import dev.estore.shared.ports.Warehouse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The semantic model and its last valid catalog. Each sync validates again; queries use the last catalog that
 * passed, and resolve one on first use when no sync has run yet in this process.
 */
@ApplicationScoped
public class SemanticLayer {

    private final SemanticModel model;
    private final Warehouse warehouse;
    private final AtomicReference<SemanticCatalog> current = new AtomicReference<>();
    /** Counts validations: each sync validates after a build, so answers computed before it may be out of date. */
    private final AtomicLong validations = new AtomicLong();

    @Inject
    public SemanticLayer(Warehouse warehouse, dev.estore.semantic.SemanticConfig config) {
        this(modelOf(config.modelDir()), warehouse);
    }

    /** The definitions of {@code estore.semantic.model-dir} when set, else the packaged ones. */
    static SemanticModel modelOf(java.util.Optional<java.nio.file.Path> folder) {
        if (folder.isEmpty()) {
            return SemanticModelLoader.fromClasspath();
        }
        try {
            return SemanticModelLoader.fromDirectory(folder.get());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the semantic layer in " + folder.get() + " (estore.semantic"
                    + ".model-dir): " + e.getMessage(), e);
        }
    }

    public SemanticLayer(SemanticModel model, Warehouse warehouse) {
        this.model = model;
        this.warehouse = warehouse;
    }

    public SemanticModel model() {
        return model;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    /** Validates the model against the warehouse now; a valid result becomes the current catalog. */
    public CatalogResolver.Resolution validate() {
        validations.incrementAndGet();
        CatalogResolver.Resolution resolution = new CatalogResolver(warehouse).resolve(model);
        if (resolution.valid()) {
            current.set(resolution.catalog());
        }
        return resolution;
    }

    /**
     * Changes with every validation (every sync, which follows every build): query results cached under one
     * generation are not served under the next.
     */
    public long generation() {
        return validations.get();
    }

    /** The current catalog; a {@link LayerNotReadyException} listing the problems when none is valid. */
    public SemanticCatalog catalog() {
        SemanticCatalog catalog = current.get();
        if (catalog != null) {
            return catalog;
        }
        CatalogResolver.Resolution resolution = validate();
        if (!resolution.valid()) {
            throw new LayerNotReadyException("The semantic layer does not match the warehouse (build the models "
                    + "first?): " + String.join("; ", resolution.problems()));
        }
        return resolution.catalog();
    }
}
