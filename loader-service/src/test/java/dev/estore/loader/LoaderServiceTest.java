package dev.estore.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.embedded.bucket.LocalFolderObjectStore;
import dev.estore.embedded.bus.InProcessEventBus;
import dev.estore.embedded.bus.RetryPolicy;
import dev.estore.embedded.duckdb.DuckDbDatabase;
import dev.estore.embedded.duckdb.DuckDbRawEventsStore;
import dev.estore.embedded.duckdb.DuckDbWarehouse;
import dev.estore.embedded.duckdb.FixedDuckDbConfig;
import dev.estore.embedded.duckdb.WarehouseException;
import dev.estore.embedded.work.WorkInProgress;
import dev.estore.loader.LoadResult.Outcome;
import dev.estore.shared.contracts.ObjectNotification;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.contracts.PipelineFailed;
import dev.estore.shared.contracts.RawEventsLoaded;
import dev.estore.shared.contracts.Topic;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.failures.FailureReporter;
import dev.estore.shared.ports.EventBus;
import dev.estore.shared.ports.MessageHandler;
import dev.estore.shared.ports.RawEventsStore.LoadOutcome;
import dev.estore.shared.ports.RawEventsStore.LoadRecord;
import dev.estore.shared.ports.RawEventsStore.LoadRequest;
import dev.estore.shared.ports.RawEventsStore.LoadStatus;
import dev.estore.shared.ports.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's decisions on the embedded adapters, without Quarkus. */
class LoaderServiceTest {

    static final String HEADER = EventsFileHeader.EXPECTED + "\n";
    static final String ROW = "2019-10-01 00:00:01 UTC,view,1,2,a.b,acme,1.00,3,11111111-1111-4111-8111-111111111111\n";

    @TempDir
    Path dir;
    WorkInProgress work = new WorkInProgress();
    InProcessEventBus bus = new InProcessEventBus(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(5)), work);
    List<RawEventsLoaded> loaded = new CopyOnWriteArrayList<>();
    List<PipelineFailed> failures = new CopyOnWriteArrayList<>();
    LocalFolderObjectStore bucket;
    DuckDbDatabase database;
    LoaderService loader;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void wire() throws IOException {
        bucket = new LocalFolderObjectStore("quarantine/");
        bucket.mount("b", Files.createDirectories(dir.resolve("bucket")));
        database = new DuckDbDatabase(FixedDuckDbConfig.of(dir.resolve("w.duckdb"), "512MB", 1));
        loader = new LoaderService(bucket, new DuckDbRawEventsStore(database), bus, new FailureReporter(bus),
                new TestLoaderConfig(), new LoadMetrics(meters, new DuckDbRawEventsStore(database)));
        bus.subscribe(Topics.RAW_EVENTS_LOADED, "test-loaded", (message, delivery) -> loaded.add(message));
        bus.subscribe(Topics.PIPELINE_FAILED, "test-failed", (message, delivery) -> failures.add(message));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void loadsAFileAndAnnouncesItOnce() throws Exception {
        ObjectNotification notification = put("2019-Oct.csv", HEADER + ROW + ROW.replace(":01", ":02"));

        LoadResult first = loader.handle(notification);
        LoadResult again = loader.handle(notification);
        work.awaitIdle(Duration.ofSeconds(5));

        assertThat(first.outcome()).isEqualTo(Outcome.LOADED);
        assertThat(first.load().rowsLoaded()).isEqualTo(2);
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_LOADED);
        assertThat(again.load().loadId()).isEqualTo(first.load().loadId());
        assertThat(loaded).hasSize(1);
        assertThat(loaded.get(0).loadId()).isEqualTo(first.load().loadId());
        assertThat(loaded.get(0).minEventTime()).isEqualTo(Instant.parse("2019-10-01T00:00:01Z"));
    }

    @Test
    void anAnnouncementLostAfterTheCommitIsMadeAgainOnRedelivery() throws Exception {
        ObjectNotification notification = put("2019-Nov.csv", HEADER + ROW);
        EventBus downOnce = new EventBus() {
            boolean failed;

            @Override
            public <T> void publish(Topic<T> topic, T message, String correlationId) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("Pub/Sub unavailable");
                }
                bus.publish(topic, message, correlationId);
            }

            @Override
            public <T> void subscribe(Topic<T> topic, String subscription, MessageHandler<T> handler) {
                bus.subscribe(topic, subscription, handler);
            }
        };
        LoaderService flakyLoader = new LoaderService(bucket, new DuckDbRawEventsStore(database), downOnce,
                new FailureReporter(bus), new TestLoaderConfig(), unmetered());

        assertThatThrownBy(() -> flakyLoader.handleDelivery(notification, 1)).hasMessageContaining("Pub/Sub unavailable");
        LoadResult redelivered = flakyLoader.handleDelivery(notification, 2);
        LoadResult duplicate = flakyLoader.handle(notification);
        work.awaitIdle(Duration.ofSeconds(5));

        assertThat(redelivered.outcome()).isEqualTo(Outcome.ALREADY_LOADED);
        assertThat(duplicate.outcome()).isEqualTo(Outcome.ALREADY_LOADED);
        assertThat(loaded).singleElement().satisfies(announced -> {
            assertThat(announced.loadId()).isEqualTo(redelivered.load().loadId());
            assertThat(announced.rowsLoaded()).isEqualTo(1);
        });
        assertThat(new DuckDbWarehouse(database).query("SELECT count(*) AS n FROM raw.events").get(0).get("n"))
                .isEqualTo(1L);
    }

    @Test
    void loadsAreCountedByOutcomeWithTheirRowsTimeAndTheSourcesFreshness() throws Exception {
        loader.handle(put("2019-Oct.csv", HEADER + ROW + ROW.replace(":01", ":02")));
        loader.handle(put("2019-Nov.csv", HEADER + ROW));
        loader.handle(put("prices.csv", "sku,price\n1,2.00\n"));

        assertThat(meters.counter("estore.loads", "status", "loaded").count()).isEqualTo(2);
        assertThat(meters.counter("estore.loads", "status", "quarantined").count()).isEqualTo(1);
        assertThat(meters.counter("estore.rows.loaded").count()).isEqualTo(3);
        assertThat(meters.timer("estore.load").count()).isEqualTo(2);
        double sinceNewestEvent = meters.get("estore.source.freshness.seconds").tag("since", "newest_event").gauge()
                .value();
        assertThat(sinceNewestEvent).as("now minus 2019-10-01T00:00:02Z")
                .isCloseTo(Duration.between(Instant.parse("2019-10-01T00:00:02Z"), Instant.now()).toSeconds(),
                        org.assertj.core.data.Offset.offset(60.0));
        assertThat(meters.get("estore.source.freshness.seconds").tag("since", "last_load").gauge().value())
                .isBetween(0.0, 60.0);
    }

    private LoadMetrics unmetered() {
        return new LoadMetrics(new SimpleMeterRegistry(), new DuckDbRawEventsStore(database));
    }

    @Test
    void quarantinesAFileWithAnotherHeaderAndReportsIt() throws Exception {
        ObjectNotification notification = put("prices.csv", "sku,price\n1,2.00\n");

        LoadResult result = loader.handle(notification);
        work.awaitIdle(Duration.ofSeconds(5));

        assertThat(result.outcome()).isEqualTo(Outcome.QUARANTINED);
        assertThat(result.message()).contains("missing columns").contains("quarantine/prices.csv");
        assertThat(dir.resolve("bucket/quarantine/prices.csv")).exists();
        assertThat(dir.resolve("bucket/prices.csv")).doesNotExist();
        assertThat(loaded).isEmpty();
        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.service()).isEqualTo("loader-service");
            assertThat(failure.stage()).isEqualTo("validate");
        });
        assertThat(loader.handle(notification).outcome()).isEqualTo(Outcome.ALREADY_LOADED);
    }

    @Test
    void anEmptyFileLoadsZeroRows() throws Exception {
        LoadResult result = loader.handle(put("empty.csv", ""));
        assertThat(result.outcome()).isEqualTo(Outcome.LOADED);
        assertThat(result.load().rowsLoaded()).isZero();
    }

    @Test
    void anEmptyGzipFileLoadsZeroRowsToo() throws Exception {
        Path file = dir.resolve("bucket/empty.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.flush();
        }
        LoadResult result = loader.handle(notificationOf("empty.csv.gz"));

        assertThat(result.outcome()).isEqualTo(Outcome.LOADED);
        assertThat(result.load().rowsLoaded()).isZero();
    }

    @Test
    void ignoresDeletesAndObjectsThatAreNotEventFiles() throws Exception {
        ObjectNotification csv = put("2019-Nov.csv", HEADER + ROW);
        ObjectNotification delete = new ObjectNotification(ObjectNotification.EventType.OBJECT_DELETE, "b",
                csv.name(), csv.generation(), csv.size(), csv.contentType(), Instant.now());

        assertThat(loader.handle(delete).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(loader.handle(put("notes.txt", "hello")).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(new DuckDbRawEventsStore(database).recent(10)).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadIsRecordedAsFailedAndReported() throws Exception {
        ObjectNotification notification = put("2019-Dec.csv.gz", "this is not gzip");

        LoadResult result = loader.handle(notification);
        work.awaitIdle(Duration.ofSeconds(5));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).contains("2019-Dec.csv.gz").contains("POST /loads");
        assertThat(failures).singleElement().satisfies(failure -> assertThat(failure.stage()).isEqualTo("load"));
    }

    @Test
    void loadingAfterAcknowledgementAnswersTheDeliveryAtOnceAndLoadsOnce() throws Exception {
        LoaderService afterAck = new LoaderService(bucket, new DuckDbRawEventsStore(database), bus,
                new FailureReporter(bus), new TestLoaderConfig(true), unmetered());
        ObjectNotification good = put("2019-Oct.csv", HEADER + ROW);
        ObjectNotification broken = put("2019-Dec.csv.gz", "this is not gzip");

        assertThat(afterAck.handleDelivery(good, 1).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(afterAck.handleDelivery(good, 2).outcome()).isEqualTo(Outcome.ACCEPTED);
        // a failed load is not thrown back to the bus (its delivery is answered): recorded and reported instead
        assertThat(afterAck.handleDelivery(broken, 1).outcome()).isEqualTo(Outcome.ACCEPTED);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        // waits for what the loads announce (reading the ledger meanwhile would be a second DuckDB writer)
        while ((loaded.isEmpty() || failures.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        work.awaitIdle(Duration.ofSeconds(5));

        assertThat(new DuckDbRawEventsStore(database).recent(10)).extracting(load -> load.object().name() + ":"
                + load.status()).containsExactlyInAnyOrder("2019-Oct.csv:LOADED", "2019-Dec.csv.gz:FAILED");
        assertThat(loaded).singleElement().satisfies(announced -> assertThat(announced.object().name())
                .isEqualTo("2019-Oct.csv"));
        assertThat(failures).singleElement().satisfies(failure -> assertThat(failure.reason())
                .contains("2019-Dec.csv.gz"));
        afterAck.stopBackgroundLoads();
    }

    @Test
    void aFailedFileRecoversWhenItLoadsAndNotWhenAnotherFileDoes() throws Exception {
        loader.handle(put("2019-Dec.csv.gz", "this is not gzip"));
        loader.handle(put("2019-Oct.csv", HEADER + ROW));
        work.awaitIdle(Duration.ofSeconds(5));
        assertThat(failures).as("another file loading fixes nothing").hasSize(1);

        Thread.sleep(5); // a new generation of the same name
        java.io.ByteArrayOutputStream gzip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gzip)) {
            out.write((HEADER + ROW).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve("bucket/2019-Dec.csv.gz"), gzip.toByteArray());
        assertThat(loader.handle(notificationOf("2019-Dec.csv.gz")).outcome()).isEqualTo(Outcome.LOADED);
        work.awaitIdle(Duration.ofSeconds(5));

        assertThat(failures).hasSize(2);
        assertThat(failures.get(1)).satisfies(recovery -> {
            assertThat(recovery.recovery()).isTrue();
            assertThat(recovery.stage()).isEqualTo("load");
            assertThat(recovery.subject()).contains("2019-Dec.csv.gz");
        });
    }

    @Test
    void aFailedLoadFromTheBusIsThrownBackForARetryAndReportedOnce() throws Exception {
        ObjectNotification notification = put("2019-Dec.csv.gz", "this is not gzip");

        assertThatThrownBy(() -> loader.handleDelivery(notification, 1)).hasMessageContaining("2019-Dec.csv.gz");
        assertThatThrownBy(() -> loader.handleDelivery(notification, 2)).hasMessageContaining("2019-Dec.csv.gz");
        work.awaitIdle(Duration.ofSeconds(5));

        assertThat(failures).singleElement().satisfies(failure -> assertThat(failure.reason())
                .contains("retried with backoff"));
        assertThat(new DuckDbRawEventsStore(database).recent(10)).hasSize(2)
                .allSatisfy(load -> assertThat(load.status()).isEqualTo(LoadStatus.FAILED));
        assertThat(loaded).isEmpty();
    }

    @Test
    void aGenerationReplacedBeforeItsTurnIsSkipped() throws Exception {
        ObjectNotification old = put("2020-Jan.csv", HEADER + ROW);
        Files.setLastModifiedTime(dir.resolve("bucket/2020-Jan.csv"),
                java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(loader.handle(old).outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void aQuarantinedCopyIsNeverLoaded() throws Exception {
        LoadResult result = loader.handle(put("quarantine/2019-Oct.csv", HEADER + ROW));

        assertThat(result.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(loader.sweep("b").handled()).isEmpty();
    }

    @Test
    void theSweepLoadsWhatTheLedgerDoesNotHoldAndOnlyThat() throws Exception {
        loader.handle(put("2019-Oct.csv", HEADER + ROW));
        put("2019-Nov.csv", HEADER + ROW + ROW.replace(":01", ":02"));
        put("notes.txt", "not an events file");

        LoaderService.SweepReport first = loader.sweep("b");
        LoaderService.SweepReport second = loader.sweep(null);

        assertThat(first.listed()).isEqualTo(3);
        assertThat(first.alreadyHandled()).isEqualTo(1);
        assertThat(first.handled()).singleElement().satisfies(result -> {
            assertThat(result.outcome()).isEqualTo(Outcome.LOADED);
            assertThat(result.object().name()).isEqualTo("2019-Nov.csv");
            assertThat(result.load().rowsLoaded()).isEqualTo(2);
        });
        assertThat(second.alreadyHandled()).isEqualTo(2);
        assertThat(second.handled()).isEmpty();
    }

    @Test
    void whenTheLedgerCannotRecordAFailedLoadEitherTheFailureSaysSo() throws Exception {
        var fullDisk = new DuckDbRawEventsStore(database) {
            @Override
            public LoadOutcome load(LoadRequest request) {
                throw new WarehouseException("IO Error: No space left on device", null);
            }

            @Override
            public void recordWithoutRows(LoadRecord record) {
                throw new WarehouseException("IO Error: No space left on device", null);
            }
        };
        LoaderService onAFullDisk = new LoaderService(bucket, fullDisk, bus, new FailureReporter(bus),
                new TestLoaderConfig(), unmetered());

        LoadResult result = onAFullDisk.handle(put("2019-Oct.csv", HEADER + ROW));
        work.awaitIdle(Duration.ofSeconds(5));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.message()).contains("No space left on device")
                .contains("could not record this failure either").contains("no ledger entry");
        assertThat(failures).singleElement().satisfies(failure -> assertThat(failure.reason())
                .contains("no ledger entry"));
    }

    // Names, patterns and links: one object has one name, a name is never a pattern, and nothing outside the
    // bucket folder is read.

    @Test
    void oneObjectHasOneNameAndOtherSpellingsAreRefused() throws Exception {
        put("b.csv", HEADER + ROW);
        put("quarantine/x.csv", HEADER + ROW);
        assertThat(loader.loadNow("b", "b.csv").outcome()).isEqualTo(Outcome.LOADED);

        for (String spelling : List.of("./b.csv", "x/../b.csv", ".//b.csv", "b.csv/", "/b.csv", "./quarantine/x.csv",
                "quarantine/../b.csv")) {
            assertThatThrownBy(() -> loader.loadNow("b", spelling)).as(spelling)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Object name refused");
            ObjectNotification notified = ObjectNotification.finalized(
                    new ObjectRef("b", spelling, notificationOf("b.csv").generation()), 100, "text/csv", Instant.now());
            assertThat(loader.handle(notified)).as(spelling).satisfies(result -> {
                assertThat(result.outcome()).isEqualTo(Outcome.IGNORED);
                assertThat(result.message()).startsWith("refused: ");
            });
        }
        assertThat(rawRowsBySource()).containsExactly(Map.entry("b.csv", 1L));
    }

    @Test
    void aFileNamedLikeAPatternLoadsItsOwnRowsOnly() throws Exception {
        put("a.csv", HEADER + ROW);
        put("ab.csv", HEADER + ROW + ROW);
        put("*.csv", HEADER + ROW + ROW + ROW);
        put("a?.csv", HEADER + ROW.replace(",view,", ",cart,"));
        put("[ab].csv", HEADER + ROW.replace(",view,", ",purchase,"));

        assertThat(loader.loadNow("b", "*.csv").load().rowsLoaded()).isEqualTo(3);
        assertThat(loader.loadNow("b", "a?.csv").load().rowsLoaded()).isEqualTo(1);
        assertThat(loader.loadNow("b", "[ab].csv").load().rowsLoaded()).isEqualTo(1);

        assertThat(rawRowsBySource()).containsOnly(Map.entry("*.csv", 3L), Map.entry("a?.csv", 1L),
                Map.entry("[ab].csv", 1L));
        assertThat(new DuckDbWarehouse(database).query(
                "SELECT count(*) AS n FROM raw.events WHERE source_object = '[ab].csv' AND event_type = 'purchase'"))
                .singleElement().satisfies(row -> assertThat(row.get("n")).isEqualTo(1L));
    }

    @Test
    void aSymbolicLinkIsQuarantinedAndWhatItPointsAtIsNeverRead() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret.csv"), HEADER + ROW);
        Path secretText = Files.writeString(outside.resolve("secret.txt"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.createSymbolicLink(dir.resolve("bucket/events.csv"), secret);
        Files.createSymbolicLink(dir.resolve("bucket/passwd.csv"), secretText);

        LoadResult linkedEvents = loader.handle(notificationOf("events.csv"));
        LoadResult linkedText = loader.loadNow("b", "passwd.csv");

        for (LoadResult result : List.of(linkedEvents, linkedText)) {
            assertThat(result.outcome()).isEqualTo(Outcome.QUARANTINED);
            assertThat(result.message()).contains("symbolic link").doesNotContain("root:x");
        }
        assertThat(rawRowsBySource()).isEmpty();
        assertThat(dir.resolve("bucket/quarantine/events.csv")).isSymbolicLink();
        assertThat(secret).hasContent(HEADER + ROW); // the link moved, not its target
        assertThat(new DuckDbRawEventsStore(database).recent(10))
                .allSatisfy(load -> assertThat(load.reason()).doesNotContain("root:x"));
    }

    @Test
    void aFolderLinkedOutOfTheBucketHoldsNoObjects() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("2019-Oct.csv"), HEADER + ROW);
        Files.createSymbolicLink(dir.resolve("bucket/linked"), outside);

        assertThatThrownBy(() -> loader.loadNow("b", "linked/2019-Oct.csv"))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(loader.sweep("b").handled()).isEmpty();
        assertThat(new DuckDbRawEventsStore(database).recent(10)).isEmpty();
    }

    @Test
    void aRejectedHeaderIsQuotedOnlyAsFarAsItNamesTheProblem() throws Exception {
        String longLine = "x".repeat(5_000);
        LoadResult result = loader.handle(put("long.csv", longLine + "\n" + ROW));

        assertThat(result.outcome()).isEqualTo(Outcome.QUARANTINED);
        assertThat(result.message()).contains("5000 characters").hasSizeLessThan(800);
    }

    private Map<String, Long> rawRowsBySource() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        new DuckDbWarehouse(database).query("SELECT source_object, count(*) AS n FROM raw.events GROUP BY 1")
                .forEach(row -> counts.put((String) row.get("source_object"), (Long) row.get("n")));
        return counts;
    }

    private ObjectNotification put(String name, String content) throws IOException {
        Path file = dir.resolve("bucket").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return notificationOf(name);
    }

    /** What the bucket would announce for the object as it is now. */
    private ObjectNotification notificationOf(String name) throws IOException {
        StoredObject stored = bucket.stat("b", name).orElseThrow();
        return ObjectNotification.finalized(stored.ref(), stored.size(), stored.contentType(), stored.created());
    }

    private static final class TestLoaderConfig implements LoaderConfig {

        private final boolean loadAfterAck;

        TestLoaderConfig() {
            this(false);
        }

        TestLoaderConfig(boolean loadAfterAck) {
            this.loadAfterAck = loadAfterAck;
        }

        @Override
        public boolean loadAfterAck() {
            return loadAfterAck;
        }

        /** One: DuckDB takes one writer at a time (BigQuery's loads run side by side). */
        @Override
        public int backgroundLoads() {
            return 1;
        }

        @Override
        public String bucket() {
            return "b";
        }

        @Override
        public Optional<String> objectPrefix() {
            return Optional.empty();
        }

        @Override
        public List<String> objectSuffixes() {
            return List.of(".csv", ".csv.gz");
        }

        @Override
        public String quarantinePrefix() {
            return "quarantine/";
        }

        @Override
        public String sweepCron() {
            return "off";
        }
    }
}
