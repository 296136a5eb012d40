package dev.estore.snapshot.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.estore.embedded.bus.InProcessEventBus;
import dev.estore.embedded.bus.RetryPolicy;
import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.embedded.work.ObservedWork;
import dev.estore.embedded.work.WorkInProgress;
import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.SnapshotsTaken;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.snapshot.TestWarehouses;
import dev.estore.snapshot.definition.SnapshotCatalog;
import dev.estore.snapshot.definition.SnapshotDefinition;
import dev.estore.snapshot.definition.TableRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs for a trigger: one run time, a transaction per snapshot, failures reported, snapshots-taken sent. */
class SnapshotServiceTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    static final Instant NOW = Instant.parse("2026-02-01T01:00:00Z");

    @TempDir
    Path dir;
    DuckDbDatabase database;
    DuckDbWarehouse warehouse;
    WorkInProgress work;
    InProcessEventBus bus;
    final List<SnapshotsTaken> taken = new CopyOnWriteArrayList<>();
    final List<PipelineFailed> failed = new CopyOnWriteArrayList<>();
    final SnapshotDefinition people = TestWarehouses.people(true);
    final SnapshotDefinition orphan = new SnapshotDefinition("snap_orphan", "snapshots/snap_orphan.yml", "",
            new TableRef("marts", "not_built_yet"), new TableRef("snapshots", "snap_orphan"), List.of("id"),
            people.strategy(), List.of("segment"), false, null, List.of(), true, null);

    @BeforeEach
    void setUp() {
        database = TestWarehouses.database(dir);
        warehouse = TestWarehouses.warehouse(database);
        warehouse.executeAtomically(List.of("CREATE SCHEMA marts",
                "CREATE TABLE marts.people (id VARCHAR, segment VARCHAR, score INTEGER)",
                "INSERT INTO marts.people VALUES ('1', 'gold', 3), ('2', 'silver', 2)"));
        work = new WorkInProgress();
        bus = new InProcessEventBus(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)), work);
        bus.subscribe(Topics.SNAPSHOTS_TAKEN, "test-taken", (message, delivery) -> taken.add(message));
        bus.subscribe(Topics.PIPELINE_FAILED, "test-failed", (message, delivery) -> failed.add(message));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aRunTakesEverySnapshotReportsTheFailedOneAndAnnouncesTheOthers() throws Exception {
        SnapshotService service = service(new SnapshotCatalog(List.of(orphan, people)), Clock.fixed(NOW,
                ZoneOffset.UTC));

        SnapshotRun run = service.runAll("models-built:run-1");
        assertThat(work.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(run.status()).isEqualTo(SnapshotOutcome.Status.FAILED);
        assertThat(run.runTime()).isEqualTo(NOW);
        assertThat(run.snapshots()).extracting(SnapshotOutcome::snapshot, SnapshotOutcome::status).containsExactly(
                tuple("snap_orphan", SnapshotOutcome.Status.FAILED),
                tuple("snap_people", SnapshotOutcome.Status.SUCCESS));
        assertThat(failed).singleElement().satisfies(failure -> {
            assertThat(failure.service()).isEqualTo("snapshot-service");
            assertThat(failure.stage()).isEqualTo("snapshot");
            assertThat(failure.subject()).isEqualTo("snap_orphan");
            assertThat(failure.reason()).contains("marts.not_built_yet does not exist yet");
        });
        assertThat(taken).singleElement().satisfies(message -> {
            assertThat(message.runId()).isEqualTo(run.runId());
            assertThat(message.trigger()).isEqualTo("models-built:run-1");
            assertThat(message.takenAt()).isEqualTo(NOW);
            assertThat(message.snapshots()).containsExactly(new SnapshotsTaken.SnapshotCounts("snap_people", 2, 0, 0,
                    0));
        });
        assertThat(warehouse.relationExists("snapshots", "snap_orphan")).isFalse();
    }

    @Test
    void countsReachTheMessageAndTheRunLogWhichSurvivesARestart() throws Exception {
        SnapshotService service = service(new SnapshotCatalog(List.of(people)), Clock.fixed(NOW, ZoneOffset.UTC));
        service.runOne("snap_people", "http");
        warehouse.executeAtomically(List.of("UPDATE marts.people SET segment = 'platinum' WHERE id = '1'",
                "DELETE FROM marts.people WHERE id = '2'", "INSERT INTO marts.people VALUES ('3', 'new', 1)"));

        SnapshotRun second = service.runOne("snap_people", "schedule:weekly");
        assertThat(work.awaitIdle(Duration.ofSeconds(10))).isTrue();

        // the clock stood still, yet the second run is later than the first
        assertThat(second.runTime()).isEqualTo(NOW.plus(1, ChronoUnit.MICROS));
        assertThat(taken).hasSize(2);
        assertThat(taken.get(1).snapshots()).containsExactly(new SnapshotsTaken.SnapshotCounts("snap_people", 1, 1,
                1, 0));
        SnapshotOutcome last = new SnapshotRunLog(warehouse).last("snap_people").orElseThrow();
        assertThat(last.runId()).isEqualTo(second.runId());
        assertThat(last.trigger()).isEqualTo("schedule:weekly");
        assertThat(last.changes()).isEqualTo(new Changes(1, 0, 1, 1, 0, 0));
        assertThat(last.rows()).isEqualTo(4);
        assertThat(last.currentRows()).isEqualTo(2);
        assertThat(warehouse.query("SELECT count(*) AS n FROM ops.snapshot_runs").get(0).get("n")).isEqualTo(2L);
        // two people new in the first run, then one new, one changed, one closed
        assertThat(meters.counter("estore.snapshot.changes", "snapshot", "snap_people", "kind", "new").count())
                .isEqualTo(3);
        assertThat(meters.counter("estore.snapshot.changes", "snapshot", "snap_people", "kind", "changed").count())
                .isEqualTo(1);
        assertThat(meters.counter("estore.snapshot.changes", "snapshot", "snap_people", "kind", "closed").count())
                .isEqualTo(1);
    }

    @Test
    void anUnknownSnapshotIsNamedWithTheKnownOnes() {
        SnapshotService service = service(new SnapshotCatalog(List.of(people)), Clock.systemUTC());

        assertThatThrownBy(() -> service.runOne("snap_nobody", "http")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("No snapshot snap_nobody").hasMessageContaining("[snap_people]");
        assertThat(work.open()).isZero();
    }

    private SnapshotService service(SnapshotCatalog catalog, Clock clock) {
        return new SnapshotService(catalog, new SnapshotExecutor(warehouse), new SnapshotRunLog(warehouse), bus,
                new FailureReporter(bus), ObservedWork.countedBy(work), new SnapshotMetrics(meters), clock);
    }
}
