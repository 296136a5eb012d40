package dev.estore.runner.pipeline;

import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.EventBus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every failure of this process (pipeline-failed messages, recoveries left out), so a run can report them and fail. */
@ApplicationScoped
public class FailureLog {

    public static final String SUBSCRIPTION = "embedded-runner.pipeline-failed";

    private final List<PipelineFailed> failures = new CopyOnWriteArrayList<>();

    void subscribe(@Observes StartupEvent startup, EventBus bus) {
        bus.subscribe(Topics.PIPELINE_FAILED, SUBSCRIPTION, (failure, delivery) -> {
            if (!failure.recovery()) {
                failures.add(failure);
            }
        });
    }

    public int size() {
        return failures.size();
    }

    public List<PipelineFailed> since(int index) {
        return List.copyOf(failures.subList(Math.min(index, failures.size()), failures.size()));
    }
}
