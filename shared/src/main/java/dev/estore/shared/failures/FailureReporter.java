package dev.estore.shared.failures;

import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The one way a service says that something failed: an error log line and a pipeline-failed message; and, when a
 * stage that failed works again, that it recovered (once per failure streak; remembered in memory, so a restart in
 * between loses the recovery message, not the failure's).
 */
@ApplicationScoped
public class FailureReporter {

    private static final Logger LOG = Logger.getLogger(FailureReporter.class);

    private final EventBus bus;
    /** The stages whose last outcome was a failure, with that failure. */
    private final Map<Stage, PipelineFailed> failingStages = new ConcurrentHashMap<>();
    /** Per stage, the subjects (a file whatever its generation) that failed and have not succeeded since. */
    private final Map<Stage, Map<String, PipelineFailed>> failingSubjects = new ConcurrentHashMap<>();

    /** What a failure and its recovery are about: one stage of one service. */
    private record Stage(String service, String stage) {
    }

    public FailureReporter(EventBus bus) {
        this.bus = bus;
    }

    public PipelineFailed report(String service, String stage, String subject, String reason) {
        PipelineFailed failure = new PipelineFailed(service, stage, subject, reason, Instant.now());
        LOG.errorf("[%s] %s failed for %s: %s", service, stage, subject, reason);
        Stage failed = new Stage(service, stage);
        failingStages.put(failed, failure);
        failingSubjects.computeIfAbsent(failed, key -> new ConcurrentHashMap<>()).put(subjectKey(subject), failure);
        bus.publish(Topics.PIPELINE_FAILED, failure, subject);
        return failure;
    }

    /**
     * Says that {@code stage} of {@code service} succeeded for {@code subject}: a recovery message when it had
     * failed since its last success, nothing otherwise (services call this after every success).
     */
    public void succeeded(String service, String stage, String subject) {
        Stage succeeded = new Stage(service, stage);
        failingSubjects.remove(succeeded);
        announceRecovery(service, stage, subject, failingStages.remove(succeeded));
    }

    /**
     * Says that {@code stage} succeeded for this {@code subject} (a file, whatever its generation): a recovery when
     * that subject failed since, nothing otherwise. Another file loading does not mean this one is fixed.
     */
    public void succeededFor(String service, String stage, String subject) {
        Stage succeeded = new Stage(service, stage);
        Map<String, PipelineFailed> subjects = failingSubjects.get(succeeded);
        PipelineFailed last = subjects == null ? null : subjects.remove(subjectKey(subject));
        if (last != null) {
            failingStages.remove(succeeded);
        }
        announceRecovery(service, stage, subject, last);
    }

    /** An object URI without its generation ("gs://b/f.csv#17" -> "gs://b/f.csv"); other subjects as they are. */
    private static String subjectKey(String subject) {
        int generation = subject.lastIndexOf('#');
        return generation > 0 ? subject.substring(0, generation) : subject;
    }

    private void announceRecovery(String service, String stage, String subject, PipelineFailed last) {
        if (last == null) {
            return;
        }
        String since = "it works again: " + subject + " succeeded; the last failure was " + last.subject() + " at "
                + last.failedAt();
        LOG.infof("[%s] %s recovered: %s", service, stage, since);
        bus.publish(Topics.PIPELINE_FAILED, new PipelineFailed(service, stage, subject, since, Instant.now(), true),
                subject);
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
