package dev.estore.gcp.pubsub;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How the services reach Pub/Sub: resource names (with an environment prefix) and the way messages come in. */
@ConfigMapping(prefix = "estore.pubsub")
public interface PubSubConfig {

    /** Topic id = prefix + contract topic name, e.g. {@code estore-raw-events-loaded}. */
    @WithDefault("estore-")
    String topicPrefix();

    /** Subscription id = prefix + the name a service subscribes with, e.g. {@code estore-loader-service.object-notifications}. */
    @WithDefault("estore-")
    String subscriptionPrefix();

    /** push: Pub/Sub POSTs to /pubsub/push (Cloud Run); pull: streaming pull from this process (Kubernetes). */
    @WithDefault("push")
    ReceiveMode receiveMode();

    /**
     * The maximum delivery attempts of the subscriptions' dead-letter policy (Terraform's max_delivery_attempts): a
     * delivery this process does not acknowledge on that attempt goes to the dead-letter topic, and is counted in
     * estore_dead_letters_total{subscription}.
     */
    @WithDefault("5")
    int maxDeliveryAttempts();

    Push push();

    enum ReceiveMode {
        PUSH, PULL
    }

    interface Push {

        Oidc oidc();
    }

    /** The OIDC token Pub/Sub attaches to authenticated pushes; checked only when enabled. */
    interface Oidc {

        @WithDefault("false")
        boolean enabled();

        /** The audience the push subscription puts in its tokens (by default the push endpoint URL). */
        Optional<String> audience();

        /** The service account the push subscription signs its tokens as. */
        Optional<String> serviceAccountEmail();

        /**
         * Set on Cloud Run only, where Cloud Run verified the token (roles/run.invoker) before the request
         * arrived: a token whose signature Google replaced with
         * SIGNATURE_REMOVED_BY_GOOGLE (https://cloud.google.com/run/docs/troubleshooting#signature-removed) is
         * then accepted on its claims (audience, push account, expiry). Anywhere else such a token is refused:
         * a caller could write the marker itself.
         */
        @WithDefault("false")
        boolean signatureCheckedByCloudRun();
    }
}
