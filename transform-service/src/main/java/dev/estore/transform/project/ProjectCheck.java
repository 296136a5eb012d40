package dev.estore.transform.project;

import dev.estore.transform.build.BuildRunner;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Reads the model project and compiles every model when the service starts, so a broken model file (bad YAML,
 * a missing ref, a cycle, an unknown variable) stops the service at once with its reason instead of failing
 * the first build hours later.
 */
@ApplicationScoped
public class ProjectCheck {

    private static final Logger LOG = Logger.getLogger(ProjectCheck.class);

    void check(@Observes StartupEvent startup, ModelProject project, BuildRunner runner) {
        project.buildOrder().forEach(runner::compiledSql);
        LOG.debugf("All %d models compile", project.buildOrder().size());
    }
}
