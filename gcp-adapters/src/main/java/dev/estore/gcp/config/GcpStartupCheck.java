package dev.estore.gcp.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Stops a service in Google Cloud mode at startup when settings are missing, naming every missing key at once,
 * before any service subscribes or publishes with half a configuration.
 */
@ApplicationScoped
public class GcpStartupCheck {

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup, Config config) {
        List<String> problems = RequiredSettings.problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Google Cloud mode cannot start: " + String.join("; ", problems)
                    + ". See the README, section 'Google Cloud mode', for every setting.");
        }
    }
}
