package dev.estore.gcp.pubsub;

import dev.estore.shared.contracts.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Pub/Sub resource ids of the contract topics and of the services' subscriptions, with the environment prefixes. */
@ApplicationScoped
public class PubSubNames {

    private final String topicPrefix;
    private final String subscriptionPrefix;

    @Inject
    public PubSubNames(PubSubConfig config) {
        this(config.topicPrefix(), config.subscriptionPrefix());
    }

    public PubSubNames(String topicPrefix, String subscriptionPrefix) {
        this.topicPrefix = topicPrefix;
        this.subscriptionPrefix = subscriptionPrefix;
    }

    public String topicId(Topic<?> topic) {
        return topicPrefix + topic.name();
    }

    /** {@code name} is what a service passes to {@code EventBus.subscribe}, e.g. {@code transform-service.raw-events-loaded}. */
    public String subscriptionId(String name) {
        return subscriptionPrefix + name;
    }

    /** The subscription id of a full resource name ({@code projects/p/subscriptions/id}) or of an id. */
    public static String idOf(String subscriptionResource) {
        int slash = subscriptionResource.lastIndexOf('/');
        return slash < 0 ? subscriptionResource : subscriptionResource.substring(slash + 1);
    }
}
