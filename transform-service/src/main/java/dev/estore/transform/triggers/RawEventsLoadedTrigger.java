package dev.estore.transform.triggers;

import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every raw-events-loaded message asks for a build of all models. The message is acknowledged once the build is
 * queued; bursts coalesce in the {@link BuildCoordinator}, and the daily build catches up if a queued build is
 * ever lost with its process. The days to rebuild come from the load ledger, not from the message: a load that
 * replaced an earlier generation rebuilds the days of both generations.
 */
@ApplicationScoped
public class RawEventsLoadedTrigger {

    public static final String SUBSCRIPTION = "transform-service.raw-events-loaded";

    void subscribe(@Observes StartupEvent startup, EventBus bus, BuildCoordinator builds) {
        bus.subscribe(Topics.RAW_EVENTS_LOADED, SUBSCRIPTION,
                (loaded, delivery) -> builds.submit(BuildRequest.all("raw-events-loaded:" + loaded.loadId())));
    }
}
