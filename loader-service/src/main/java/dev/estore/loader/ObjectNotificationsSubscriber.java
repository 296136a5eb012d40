package dev.estore.loader;

import dev.estore.shared.contracts.ObjectNotification;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Connects the loader to bucket notifications. */
@ApplicationScoped
public class ObjectNotificationsSubscriber {

    public static final String SUBSCRIPTION = "loader-service.object-notifications";

    void subscribe(@Observes StartupEvent startup, EventBus bus, LoaderService loader) {
        bus.subscribe(Topics.OBJECT_NOTIFICATIONS, SUBSCRIPTION, (message, delivery) -> loader.handleDelivery(message, delivery.attempt()));
    }
}
