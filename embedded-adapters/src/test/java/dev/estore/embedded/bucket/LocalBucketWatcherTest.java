package dev.estore.embedded.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.embedded.bus.InProcessEventBus;
import dev.estore.embedded.bus.RetryPolicy;
import dev.estore.embedded.work.WorkInProgress;
import dev.estore.shared.contracts.ObjectNotification;
import dev.estore.shared.contracts.ObjectNotification.EventType;
import dev.estore.shared.contracts.Topics;
import dev.estore.shared.ports.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBucketWatcherTest {

    private static final Instant T1 = Instant.parse("2024-01-02T03:04:05.000001Z");
    private static final Instant T2 = Instant.parse("2024-01-02T03:05:05.000002Z");

    @TempDir
    Path dir;

    private final WorkInProgress work = new WorkInProgress();
    private final List<ObjectNotification> notifications = new CopyOnWriteArrayList<>();
    private final List<String> correlationIds = new CopyOnWriteArrayList<>();
    private LocalBucketWatcher watcher;

    @BeforeEach
    void setUp() {
        BucketConfig config = new BucketConfig() {
            @Override
            public String name() {
                return "b";
            }

            @Override
            public Path root() {
                return dir;
            }

            @Override
            public String quarantinePrefix() {
                return "quarantine/";
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofMillis(50);
            }
        };
        LocalFolderObjectStore store = new LocalFolderObjectStore("quarantine/");
        store.mount("b", dir);
        InProcessEventBus bus =
                new InProcessEventBus(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)), work);
        bus.subscribe(Topics.OBJECT_NOTIFICATIONS, "collector", (message, delivery) -> {
            notifications.add(message);
            correlationIds.add(delivery.correlationId());
        });
        watcher = new LocalBucketWatcher(store, bus, config);
    }

    @Test
    void notifyExistingReportsEachFileOnce() throws Exception {
        write("a.csv", "a", T1);
        write("sub/b.csv.gz", "bb", T2);

        List<StoredObject> existing = watcher.notifyExisting("b");
        delivered();

        assertThat(existing).hasSize(2);
        assertThat(notifications).extracting(ObjectNotification::eventType)
                .containsOnly(EventType.OBJECT_FINALIZE);
        assertThat(notifications).extracting(ObjectNotification::name).containsExactlyInAnyOrder("a.csv",
                "sub/b.csv.gz");
        ObjectNotification gz = notifications.stream().filter(n -> n.name().equals("sub/b.csv.gz")).findFirst()
                .orElseThrow();
        assertThat(gz.bucket()).isEqualTo("b");
        assertThat(gz.generation()).isEqualTo(micros(T2));
        assertThat(gz.size()).isEqualTo(2);
        assertThat(gz.contentType()).isEqualTo("application/gzip");
        assertThat(correlationIds).contains(gz.object().uri());

        watcher.notifyExisting("b");
        delivered();

        assertThat(notifications).hasSize(2);
    }

    @Test
    void pollReportsANewFileOnlyOnceItIsUnchangedAcrossTwoPolls() throws Exception {
        write("a.csv", "partial", T1);
        watcher.poll("b");
        delivered();
        assertThat(notifications).isEmpty();

        write("a.csv", "partial, more", T2);
        watcher.poll("b");
        delivered();
        assertThat(notifications).isEmpty();

        watcher.poll("b");
        delivered();
        assertThat(notifications).singleElement().satisfies(n -> {
            assertThat(n.eventType()).isEqualTo(EventType.OBJECT_FINALIZE);
            assertThat(n.name()).isEqualTo("a.csv");
            assertThat(n.generation()).isEqualTo(micros(T2));
            assertThat(n.size()).isEqualTo(13);
        });

        watcher.poll("b");
        delivered();
        assertThat(notifications).hasSize(1);
    }

    @Test
    void deletedFileYieldsObjectDelete() throws Exception {
        write("a.csv", "a", T1);
        watcher.notifyExisting("b");
        Files.delete(dir.resolve("a.csv"));

        watcher.poll("b");
        delivered();

        assertThat(notifications).extracting(ObjectNotification::eventType)
                .containsExactly(EventType.OBJECT_FINALIZE, EventType.OBJECT_DELETE);
        ObjectNotification delete = notifications.get(1);
        assertThat(delete.name()).isEqualTo("a.csv");
        assertThat(delete.generation()).isEqualTo(micros(T1));

        watcher.poll("b");
        delivered();
        assertThat(notifications).hasSize(2);
    }

    @Test
    void overwrittenFileYieldsASecondFinalizeWithTheNewGeneration() throws Exception {
        write("a.csv", "v1", T1);
        watcher.poll("b");
        watcher.poll("b");
        write("a.csv", "v2", T2);

        watcher.poll("b");
        watcher.poll("b");
        delivered();

        assertThat(notifications).extracting(ObjectNotification::eventType)
                .containsExactly(EventType.OBJECT_FINALIZE, EventType.OBJECT_FINALIZE);
        assertThat(notifications).extracting(ObjectNotification::generation)
                .containsExactly(micros(T1), micros(T2));
    }

    @Test
    void hiddenAndQuarantinedFilesAreNeverReported() throws Exception {
        write(".a.csv.tmp", "in flight", T1);
        write("quarantine/bad.csv", "refused", T1);

        watcher.notifyExisting("b");
        watcher.poll("b");
        watcher.poll("b");
        delivered();

        assertThat(notifications).isEmpty();
    }

    private void delivered() throws InterruptedException {
        assertThat(work.awaitIdle(Duration.ofSeconds(5))).isTrue();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private void write(String name, String content, Instant mtime) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }
}
