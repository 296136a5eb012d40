package dev.estore.gcp.logging;

import dev.estore.gcp.config.RequiredSettings;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtHandler;

/**
 * Puts {@link CloudLoggingEntries} around every JSON log formatter at startup (the gcp profile: JSON is off
 * elsewhere, and then nothing is wrapped). Quarkus offers no per-record hook into its JSON formatter, so the
 * configured one is decorated where the log handlers hold it.
 */
@ApplicationScoped
public class CloudLoggingFormatterInstaller {

    void install(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup,
            @ConfigProperty(name = RequiredSettings.PROJECT_ID) Optional<String> project) {
        project.filter(id -> !id.isBlank()).ifPresent(id -> wrap(Logger.getLogger("").getHandlers(), id));
    }

    /** Wraps the JSON formatters of these handlers and of the handlers they delegate to; returns how many. */
    static int wrap(Handler[] handlers, String project) {
        int wrapped = 0;
        for (Handler handler : handlers) {
            if (handler.getFormatter() instanceof JsonFormatter json) {
                handler.setFormatter(new CloudLoggingEntries(json, project));
                wrapped++;
            }
            if (handler instanceof ExtHandler parent) {
                wrapped += wrap(parent.getHandlers(), project);
            }
        }
        return wrapped;
    }
}
