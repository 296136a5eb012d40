package dev.estore.embedded.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.ports.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderObjectStoreTest {

    private static final Instant T1 = Instant.parse("2024-01-02T03:04:05.123456Z");
    private static final Instant T2 = Instant.parse("2024-01-02T03:09:00.654321Z");

    @TempDir
    Path dir;

    private LocalFolderObjectStore store;

    @BeforeEach
    void mount() {
        store = new LocalFolderObjectStore("quarantine/");
        store.mount("b", dir);
    }

    @Test
    void listIsSortedByNameAndSkipsHiddenAndQuarantinedFiles() throws IOException {
        write("sub/c.csv.gz", "c", T1);
        write("b.csv", "b", T1);
        write("a.csv", "a", T1);
        write(".x.tmp", "in flight", T1);
        write(".hidden/y.csv", "hidden", T1);
        write("sub/.z.csv", "hidden", T1);
        write("quarantine/old.csv", "refused", T1);

        assertThat(store.list("b", "")).extracting(object -> object.ref().name())
                .containsExactly("a.csv", "b.csv", "sub/c.csv.gz");
        assertThat(store.list("b", "sub/")).extracting(object -> object.ref().name())
                .containsExactly("sub/c.csv.gz");
    }

    @Test
    void statGivesMtimeMicrosAsGenerationAndContentType() throws IOException {
        write("events.csv", "a,b\n1,2\n", T1);
        write("events.csv.gz", "zz", T2);

        StoredObject csv = store.stat("b", "events.csv").orElseThrow();
        StoredObject gz = store.stat("b", "events.csv.gz").orElseThrow();

        assertThat(csv.ref()).isEqualTo(new ObjectRef("b", "events.csv", 1704164645123456L));
        assertThat(csv.size()).isEqualTo(8);
        assertThat(csv.contentType()).isEqualTo("text/csv");
        assertThat(csv.created()).isEqualTo(T1);
        assertThat(gz.ref().generation()).isEqualTo(1704164940654321L);
        assertThat(gz.contentType()).isEqualTo("application/gzip");
        assertThat(store.stat("b", "missing.csv")).isEmpty();
    }

    @Test
    void overwrittenFileHasANewGenerationAndTheOldOneCannotBeOpened() throws IOException {
        write("events.csv", "old", T1);
        ObjectRef old = store.stat("b", "events.csv").orElseThrow().ref();
        write("events.csv", "new!", T2);

        ObjectRef current = store.stat("b", "events.csv").orElseThrow().ref();

        assertThat(current.generation()).isNotEqualTo(old.generation()).isEqualTo(1704164940654321L);
        assertThatThrownBy(() -> store.open(old)).isInstanceOf(NoSuchFileException.class);
        try (InputStream in = store.open(current)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("new!");
        }
    }

    @Test
    void openOfADeletedObjectThrowsNoSuchFile() throws IOException {
        write("gone.csv", "x", T1);
        ObjectRef ref = store.stat("b", "gone.csv").orElseThrow().ref();
        Files.delete(dir.resolve("gone.csv"));

        assertThatThrownBy(() -> store.open(ref)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void quarantineMovesTheFileAndWritesTheReasonBesideIt() throws IOException {
        write("bad.csv", "no header", T1);
        ObjectRef ref = store.stat("b", "bad.csv").orElseThrow().ref();

        ObjectRef moved = store.quarantine(ref, "header row is missing");

        assertThat(moved).isEqualTo(new ObjectRef("b", "quarantine/bad.csv", ref.generation()));
        assertThat(dir.resolve("bad.csv")).doesNotExist();
        assertThat(dir.resolve("quarantine/bad.csv")).hasContent("no header");
        assertThat(Files.readString(dir.resolve("quarantine/bad.csv.reason.txt")))
                .contains("header row is missing")
                .contains(ref.uri());
        assertThat(store.stat("b", moved.name()).orElseThrow().ref()).isEqualTo(moved);
        assertThat(store.list("b", "")).isEmpty();
    }

    @Test
    void quarantiningTheSameNameTwiceKeepsBothCopies() throws IOException {
        write("bad.csv", "first", T1);
        ObjectRef first = store.quarantine(store.stat("b", "bad.csv").orElseThrow().ref(), "one");
        write("bad.csv", "second", T2);
        ObjectRef secondRef = store.stat("b", "bad.csv").orElseThrow().ref();

        ObjectRef second = store.quarantine(secondRef, "two");

        assertThat(first.name()).isEqualTo("quarantine/bad.csv");
        assertThat(second.name()).isEqualTo("quarantine/bad.csv." + secondRef.generation());
        assertThat(dir.resolve(first.name())).hasContent("first");
        assertThat(dir.resolve(second.name())).hasContent("second");
    }

    @Test
    void namesLeavingTheBucketAreRefused() {
        assertThatThrownBy(() -> store.stat("b", "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stat("b", "sub/../../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.warehouseUri(new ObjectRef("b", "../x", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(new ObjectRef("b", "../x", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unmountedBucketIsRefused() {
        assertThatThrownBy(() -> store.list("other", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other");
    }

    @Test
    void warehouseUriIsTheAbsolutePath() throws IOException {
        write("sub/events.csv", "x", T1);
        ObjectRef ref = store.stat("b", "sub/events.csv").orElseThrow().ref();

        String uri = store.warehouseUri(ref);

        assertThat(Path.of(uri)).isAbsolute();
        assertThat(uri).isEqualTo(dir.toAbsolutePath().normalize().resolve("sub/events.csv").toString());
    }

    private void write(String name, String content, Instant mtime) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }
}
