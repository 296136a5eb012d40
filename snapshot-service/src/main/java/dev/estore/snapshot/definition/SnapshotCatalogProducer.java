package dev.estore.snapshot.definition;

import dev.estore.snapshot.SnapshotConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Reads the snapshot definitions once; a broken definition stops the service at startup, naming the file. */
@ApplicationScoped
public class SnapshotCatalogProducer {

    private static final Logger LOG = Logger.getLogger(SnapshotCatalogProducer.class);

    @Produces
    @ApplicationScoped
    SnapshotCatalog catalog(SnapshotConfig config) {
        SnapshotCatalog catalog = config.definitionsDir().map(DefinitionLoader::fromDirectory)
                .orElseGet(DefinitionLoader::fromClasspath);
        LOG.infof("Snapshot definitions: %s", catalog.all().stream()
                .map(definition -> definition.name() + " (" + definition.source() + " -> " + definition.target()
                        + ", " + definition.strategy().name().toLowerCase() + ")")
                .toList());
        return catalog;
    }
}
