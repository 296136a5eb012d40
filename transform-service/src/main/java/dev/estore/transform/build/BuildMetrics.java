package dev.estore.transform.build;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transform's meters, as /q/metrics shows them: {@code estore_builds_total{status}},
 * {@code estore_build_seconds}, per model {@code estore_model_build_seconds{model}} and {@code
 * estore_model_rows{model}} (the rows of its table after the last build that built it; views have none), and
 * {@code estore_data_test_failures_total{model,test}} (each failing execution, warnings included).
 */
@ApplicationScoped
public class BuildMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> modelRows = new ConcurrentHashMap<>();

    public BuildMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One finished run: queued runs that were cancelled never get here. */
    void record(RunRecord run) {
        registry.counter("estore.builds", "status", run.status().name().toLowerCase(Locale.ROOT)).increment();
        if (run.startedAt() != null && run.finishedAt() != null) {
            registry.timer("estore.build").record(Duration.between(run.startedAt(), run.finishedAt()));
        }
        for (ModelRun model : run.models()) {
            if (model.status() == ModelRun.Status.SKIPPED) {
                continue;
            }
            registry.timer("estore.model.build", "model", model.model()).record(Duration.ofMillis(model.millis()));
            if (model.status() == ModelRun.Status.BUILT && model.rows() >= 0) {
                modelRows.computeIfAbsent(model.model(), name -> {
                    AtomicLong rows = new AtomicLong();
                    Gauge.builder("estore.model.rows", rows, AtomicLong::get).tag("model", name)
                            .description("Rows of the model's table after its last build").register(registry);
                    return rows;
                }).set(model.rows());
            }
            model.tests().stream().filter(test -> !test.passed()).forEach(test -> registry.counter(
                    "estore.data.test.failures", "model", model.model(), "test", test.test()).increment());
        }
    }
}
