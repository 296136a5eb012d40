package dev.estore.transform.project;

import dev.estore.transform.TransformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/** Loads the model project once; a broken project stops the service at startup with the reason. */
@ApplicationScoped
public class ModelProjectProducer {

    private static final Logger LOG = Logger.getLogger(ModelProjectProducer.class);

    @Produces
    @ApplicationScoped
    ModelProject project(TransformConfig config) {
        ModelProject project;
        try {
            project = config.projectDir().isPresent() ? ProjectLoader.fromDirectory(config.projectDir().get())
                    : ProjectLoader.fromClasspath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model project: " + e.getMessage(), e);
        }
        LOG.infof("Model project: %d models in build order %s", project.buildOrder().size(), project.buildOrder());
        return project;
    }
}
