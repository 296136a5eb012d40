package dev.estore.semantic;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Where the semantic layer's definitions come from. */
@ConfigMapping(prefix = "estore.semantic")
public interface SemanticConfig {

    /**
     * A folder holding topics.yml and the views' files, to use instead of the packaged ones (edit the semantic layer
     * without a rebuild), as estore.transform.project-dir does for the models.
     */
    Optional<Path> modelDir();
}
