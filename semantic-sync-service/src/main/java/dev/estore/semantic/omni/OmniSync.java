package dev.estore.semantic.omni;

import dev.estore.semantic.catalog.SemanticCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps Omni in step with the semantic layer: a schema refresh (Omni re-reads tables, columns and their
 * descriptions from the warehouse) and, when enabled, the views and topics as YAML files. Off, and said so once,
 * when the instance is not configured.
 */
@ApplicationScoped
public class OmniSync {

    private static final Logger LOG = Logger.getLogger(OmniSync.class);

    private final Optional<OmniClient> client;
    private final boolean pushDescriptions;
    private volatile boolean disabledLogged;

    @Inject
    public OmniSync(OmniConfig config) {
        this(clientOf(config), config.pushDescriptions());
    }

    public OmniSync(Optional<OmniClient> client, boolean pushDescriptions) {
        this.client = client;
        this.pushDescriptions = pushDescriptions;
    }

    private static Optional<OmniClient> clientOf(OmniConfig config) {
        if (config.baseUrl().isEmpty() || config.apiKey().isEmpty() || config.modelId().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OmniClient(config.baseUrl().get(), config.apiKey().get(), config.modelId().get(),
                config.connectionId().orElse(null), config.refreshPath(), config.yamlPath(), config.maxAttempts(),
                config.initialBackoff(), config.timeout(), new OmniClient.Branching(config.jobStatusPath(),
                        config.refreshPollEvery(), config.refreshWaitAtMost(), config.branchId().orElse(null),
                        config.refreshOnBranch())));
    }

    public boolean enabled() {
        return client.isPresent();
    }

    /** Refreshes Omni; false when the sync is off. An {@link OmniException} when Omni keeps failing. */
    public boolean sync(SemanticCatalog catalog, String syncId) {
        if (client.isEmpty()) {
            if (!disabledLogged) {
                disabledLogged = true;
                LOG.info("Omni sync is off: set estore.omni.base-url, estore.omni.api-key and estore.omni.model-id "
                        + "to refresh an Omni model after each build");
            }
            return false;
        }
        OmniClient omni = client.get();
        omni.refreshSchema();
        if (pushDescriptions) {
            Map<String, String> files = OmniModelFiles.of(catalog);
            files.forEach((name, yaml) -> omni.writeYaml(name, yaml, "estore semantic sync " + syncId));
            LOG.infof("Omni: schema refreshed and %d model file(s) written (%s)", files.size(), files.keySet());
        } else {
            LOG.info("Omni: schema refreshed");
        }
        return true;
    }
}
