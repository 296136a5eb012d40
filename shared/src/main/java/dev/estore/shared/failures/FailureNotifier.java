package dev.estore.shared.failures;

import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.ports.MessageHandler;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Hears every pipeline-failed message, failures and recoveries: always logs it, and posts it to Slack when a webhook
 * is configured. A failed post is retried by the bus like any other handler failure.
 */
@ApplicationScoped
public class FailureNotifier implements MessageHandler<PipelineFailed> {

    public static final String SUBSCRIPTION = "failure-notifier";
    private static final Logger LOG = Logger.getLogger(FailureNotifier.class);

    private final EventBus bus;
    private final Optional<SlackWebhook> slack;
    private final AtomicLong heard = new AtomicLong();

    public FailureNotifier(EventBus bus, SlackConfig config) {
        this.bus = bus;
        this.slack = config.webhookUrl().map(url -> new SlackWebhook(url, config.timeout()));
    }

    void subscribe(@Observes StartupEvent startup) {
        bus.subscribe(Topics.PIPELINE_FAILED, SUBSCRIPTION, this);
        LOG.infof("Failure notifier listening; Slack %s", slack.isPresent() ? "webhook configured" : "not configured (log only)");
    }

    @Override
    public void handle(PipelineFailed failure, Delivery delivery) throws Exception {
        if (failure.recovery()) {
            if (delivery.attempt() == 1) {
                LOG.infof("Pipeline recovered: service=%s stage=%s subject=%s: %s", failure.service(),
                        failure.stage(), failure.subject(), failure.reason());
            }
            if (slack.isPresent()) {
                slack.get().post(failure);
            }
            return;
        }
        if (delivery.attempt() == 1) {
            heard.incrementAndGet();
            LOG.warnf("Pipeline failure: service=%s stage=%s subject=%s reason=%s", failure.service(),
                    failure.stage(), failure.subject(), failure.reason());
        }
        if (slack.isPresent()) {
            slack.get().post(failure);
        }
    }

    /** How many distinct failures were heard since start. */
    public long failuresHeard() {
        return heard.get();
    }
}
