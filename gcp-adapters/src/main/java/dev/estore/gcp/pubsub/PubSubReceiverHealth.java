package dev.estore.gcp.pubsub;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when every subscription of this app is served: registered for push, or its streaming pull running. */
@Readiness
@ApplicationScoped
public class PubSubReceiverHealth implements HealthCheck {

    private final PubSubConfig config;
    private final SubscriptionRoutes routes;
    private final StreamingPullReceivers pullReceivers;

    public PubSubReceiverHealth(PubSubConfig config, SubscriptionRoutes routes, StreamingPullReceivers pullReceivers) {
        this.config = config;
        this.routes = routes;
        this.pullReceivers = pullReceivers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("pubsub")
                .withData("receiveMode", config.receiveMode().name().toLowerCase())
                .withData("subscriptions", String.join(",", routes.ids()));
        if (config.receiveMode() == PubSubConfig.ReceiveMode.PUSH) {
            return health.up().build();
        }
        var states = pullReceivers.states();
        states.forEach(health::withData);
        return health.status(states.values().stream().allMatch("RUNNING"::equals)).build();
    }
}
