package dev.estore.shared.failures;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where pipeline failures are posted. Without a webhook URL they are only logged. */
@ConfigMapping(prefix = "estore.notify.slack")
public interface SlackConfig {

    /** A Slack incoming-webhook URL (https://hooks.slack.com/services/...). */
    Optional<URI> webhookUrl();

    @WithDefault("10s")
    Duration timeout();
}
