package dev.estore.gcp.pubsub;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The subscriptions this process handles, by subscription id: where a push or a pulled message is delivered. */
@ApplicationScoped
public class SubscriptionRoutes {

    private final Map<String, SubscriptionRoute<?>> routes = new ConcurrentHashMap<>();

    void add(SubscriptionRoute<?> route) {
        if (routes.putIfAbsent(route.subscriptionId(), route) != null) {
            throw new IllegalStateException("Subscription " + route.subscriptionId() + " is already handled here");
        }
    }

    public Optional<SubscriptionRoute<?>> find(String subscriptionId) {
        return Optional.ofNullable(routes.get(subscriptionId));
    }

    public Set<String> ids() {
        return new TreeSet<>(routes.keySet());
    }
}
