package dev.estore.transform.triggers;

import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Every raw-events-loaded message asks for a build of all models. The message is acknowledged once the build is
 * queued; bursts coalesce in the {@link BuildCoordinator}, and the daily build catches up if a queued build is
 * ever lost with its process. A load that replaced an earlier generation of a file asks for a full refresh,
 * since the replaced rows may lie on any date; otherwise the build rewrites from the load's earliest event date.
 */
@ApplicationScoped
public class RawEventsLoadedTrigger {

    public static final String SUBSCRIPTION = "transform-service.raw-events-loaded";

    void subscribe(@Observes StartupEvent startup, EventBus bus, BuildCoordinator builds) {
        bus.subscribe(Topics.RAW_EVENTS_LOADED, SUBSCRIPTION, (loaded, delivery) -> builds.submit(new BuildRequest(
                List.of(), loaded.replacedGeneration() != null, List.of("raw-events-loaded:" + loaded.loadId()),
                loaded.minEventTime() == null ? null : LocalDate.ofInstant(loaded.minEventTime(), ZoneOffset.UTC))));
    }
}
