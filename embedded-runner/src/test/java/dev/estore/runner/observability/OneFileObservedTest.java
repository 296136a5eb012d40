package dev.estore.runner.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.embedded.bus.InProcessEventBus;
import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratorOptions;
import dev.estore.loader.ObjectNotificationsSubscriber;
import dev.estore.runner.FreshWarehouseProfile;
import dev.estore.runner.WarehouseRows;
import dev.estore.runner.fixture.TestFolders;
import dev.estore.runner.observability.CapturedLogLines.Line;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.FailureLog;
import dev.estore.runner.pipeline.RunSummary;
import dev.estore.semantic.sync.SemanticTriggers;
import dev.estore.shared.failures.FailureNotifier;
import dev.estore.shared.ports.RawEventsStore.LoadRecord;
import dev.estore.shared.ports.RawEventsStore.LoadStatus;
import dev.estore.shared.ports.Warehouse;
import dev.estore.snapshot.run.Changes;
import dev.estore.snapshot.run.SnapshotRunLog;
import dev.estore.transform.build.ModelRun;
import io.opentelemetry.api.trace.TraceId;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One generated file through the embedded pipeline, observed as an operator would: its load, build, snapshot and
 * sync log lines share one trace id, and /q/metrics shows the values of that run. An application of its own, so
 * that the meters count this run only.
 */
@QuarkusTest
@TestProfile(OneFileObservedTest.Profile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneFileObservedTest {

    /** A warehouse and meters of its own (a profile class of its own restarts the app). */
    public static class Profile extends FreshWarehouseProfile {
    }

    @Inject
    EmbeddedPipeline pipeline;
    @Inject
    Warehouse warehouse;
    @Inject
    SnapshotRunLog snapshotRuns;
    @Inject
    InProcessEventBus bus;

    RunSummary run;
    List<Line> logged;

    @BeforeAll
    void loadOneGeneratedFile() throws Exception {
        Path bucket = TestFolders.create("estore-observed").resolve("observed");
        new EventGenerator(new GeneratorOptions(3_000, 1, 16, bucket, false, YearMonth.of(2019, 10))).generate();
        try (CapturedLogLines captured = CapturedLogLines.onRootLogger()) {
            run = pipeline.run(List.of(bucket), Duration.ofMinutes(2));
            logged = captured.lines();
        }
        assertThat(run.succeeded()).as("run: %s", run.failures()).isTrue();
        assertThat(run.files()).singleElement()
                .satisfies(file -> assertThat(file.load().status()).isEqualTo(LoadStatus.LOADED));
    }

    @Test
    void theLoadBuildSnapshotAndSyncOfTheFileLogUnderOneTraceId() {
        List<Line> load = withContext("loadId");
        List<Line> build = withContext("runId");
        List<Line> snapshot = withContext("snapshotRun");
        List<Line> sync = withContext("syncId");
        assertThat(load).isNotEmpty()
                .allSatisfy(line -> assertThat(line.get("loadId")).isEqualTo(run.files().get(0).load().loadId()));
        assertThat(build).isNotEmpty()
                .allSatisfy(line -> assertThat(line.get("runId")).isEqualTo(run.lastBuild().runId()));
        assertThat(snapshot).isNotEmpty();
        assertThat(sync).isNotEmpty();

        List<String> traceIds = Stream.of(load, build, snapshot, sync).flatMap(List::stream)
                .map(line -> Objects.toString(line.get("traceId"), "(none) in: " + line.message())).distinct()
                .toList();
        assertThat(traceIds).singleElement().satisfies(id -> assertThat(TraceId.isValid(id)).as(id).isTrue());
        // no exporter configured here: the spans keep their ids but are not sampled, so nothing tries to send them
        assertThat(Stream.of(load, build, snapshot, sync).flatMap(List::stream).map(line -> line.get("sampled"))
                .distinct()).containsExactly("false");
        // and the text the runner prints shows it
        assertThat(ConfigProvider.getConfig().getValue("quarkus.log.console.format", String.class))
                .contains("%X{traceId}");
    }

    @Test
    void theMetricsShowThisRunsValues() {
        LoadRecord load = run.files().get(0).load();
        Instant before = Instant.now();
        PrometheusScrape metrics = new PrometheusScrape(given().get("/q/metrics").then().statusCode(200).extract()
                .asString());
        Instant after = Instant.now();

        assertThat(metrics.value("estore_loads_total", "status", "loaded")).isEqualTo(1.0);
        assertThat(metrics.value("estore_loads_total", "status", "failed")).isNull();
        assertThat(metrics.value("estore_load_seconds_count")).isEqualTo(1.0);
        assertThat(metrics.value("estore_rows_loaded_total")).isEqualTo((double) count("raw.events"))
                .isEqualTo((double) load.rowsLoaded());
        assertThat(metrics.value("estore_rows_rejected_total")).isEqualTo((double) count("raw.load_rejects"));
        assertThat(metrics.value("estore_source_freshness_seconds", "since", "newest_event"))
                .isBetween(seconds(load.maxEventTime(), before) - 1, seconds(load.maxEventTime(), after) + 1);
        assertThat(metrics.value("estore_source_freshness_seconds", "since", "last_load"))
                .isBetween(seconds(load.finishedAt(), before) - 1, seconds(load.finishedAt(), after) + 1);

        long succeeded = given().get("/runs").then().statusCode(200).extract().jsonPath().getList("status")
                .stream().filter("SUCCESS"::equals).count();
        assertThat(succeeded).isEqualTo(1);
        assertThat(metrics.value("estore_builds_total", "status", "success")).isEqualTo((double) succeeded);
        assertThat(metrics.value("estore_builds_total", "status", "failed")).isNull();
        assertThat(metrics.value("estore_build_seconds_count")).isEqualTo((double) succeeded);
        List<ModelRun> tables = run.lastBuild().models().stream()
                .filter(model -> model.status() == ModelRun.Status.BUILT && model.rows() >= 0).toList();
        assertThat(tables).extracting(ModelRun::model).contains("fct_events", "int_sessions", "dim_users");
        assertThat(tables).allSatisfy(table -> {
            assertThat(metrics.value("estore_model_rows", "model", table.model())).as(table.model())
                    .isEqualTo((double) count(table.relation()));
            assertThat(metrics.value("estore_model_build_seconds_count", "model", table.model())).isEqualTo(1.0);
        });
        assertThat(run.lastBuild().failedTests()).isEmpty();
        assertThat(metrics.all("estore_data_test_failures_total")).isEmpty();

        for (String snapshot : List.of("snap_user_rfm", "snap_user_status")) {
            Changes changes = snapshotRuns.last(snapshot).orElseThrow().changes();
            assertThat(changes.newKeys()).isPositive();
            assertThat(metrics.value("estore_snapshot_changes_total", "kind", "new", "snapshot", snapshot))
                    .isEqualTo((double) changes.newKeys());
            assertThat(metrics.value("estore_snapshot_changes_total", "kind", "changed", "snapshot", snapshot))
                    .isEqualTo((double) changes.changed());
            assertThat(metrics.value("estore_snapshot_changes_total", "kind", "closed", "snapshot", snapshot))
                    .isEqualTo((double) changes.closed());
        }

        assertThat(run.deadLetters()).isEmpty();
        assertThat(bus.deadLetters()).isEmpty();
        for (String subscription : List.of(ObjectNotificationsSubscriber.SUBSCRIPTION,
                SemanticTriggers.MODELS_SUBSCRIPTION, FailureNotifier.SUBSCRIPTION, FailureLog.SUBSCRIPTION)) {
            assertThat(metrics.value("estore_dead_letters_total", "subscription", subscription)).as(subscription)
                    .isEqualTo(0.0);
        }
    }

    private List<Line> withContext(String key) {
        return logged.stream().filter(line -> line.get(key) != null).toList();
    }

    private long count(String relation) {
        return WarehouseRows.count(warehouse, relation);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
