package dev.estore.shared.failures;

import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** The one way a service says that something failed: an error log line and a pipeline-failed message. */
@ApplicationScoped
public class FailureReporter {

    private static final Logger LOG = Logger.getLogger(FailureReporter.class);

    private final EventBus bus;

    public FailureReporter(EventBus bus) {
        this.bus = bus;
    }

    public PipelineFailed report(String service, String stage, String subject, String reason) {
        PipelineFailed failure = new PipelineFailed(service, stage, subject, reason, Instant.now());
        LOG.errorf("[%s] %s failed for %s: %s", service, stage, subject, reason);
        bus.publish(Topics.PIPELINE_FAILED, failure, subject);
        return failure;
    }

    public PipelineFailed report(String service, String stage, String subject, Throwable error) {
        return report(service, stage, subject, describe(error));
    }

    /** The message of the error and of its root cause, which usually holds the actionable part. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        if (root != error && root.getMessage() != null && !message.contains(root.getMessage())) {
            message = message + " (cause: " + root.getMessage() + ")";
        }
        return message;
    }
}
