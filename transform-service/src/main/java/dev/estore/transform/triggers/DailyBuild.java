package dev.estore.transform.triggers;

import dev.estore.transform.build.BuildCoordinator;
import dev.estore.transform.build.BuildRequest;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** The daily build (midnight UTC by default; {@code estore.transform.daily-cron}, or "off"). */
@ApplicationScoped
public class DailyBuild {

    private final BuildCoordinator builds;

    public DailyBuild(BuildCoordinator builds) {
        this.builds = builds;
    }

    @Scheduled(identity = "transform-daily-build", cron = "${estore.transform.daily-cron:0 0 0 * * ?}",
            timeZone = "UTC")
    void daily() {
        builds.submit(BuildRequest.all("schedule:daily"));
    }
}
