package dev.estore.embedded.bucket;

import dev.estore.shared.contracts.ObjectNames;
import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.ports.ObjectStore;
import dev.estore.shared.ports.StoredObject;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Local folders as buckets. An object's name is its path relative to the folder, with '/' separators; its
 * generation is its modification time in microseconds, so an overwritten file gets a new generation as in GCS.
 * Hidden files (a name or folder starting with '.') are in-flight writes and invisible. Only what lies inside the
 * folder is an object: a name reached through a linked folder does not exist here, and a symbolic link (or a
 * device, a pipe) is listed so that the loader can quarantine it, but never read.
 */
@DefaultBean
@ApplicationScoped
public class LocalFolderObjectStore implements ObjectStore {

    private final Map<String, Path> roots = new ConcurrentHashMap<>();
    private final String quarantinePrefix;

    @Inject
    public LocalFolderObjectStore(BucketConfig config) {
        this(config.quarantinePrefix());
        mount(config.name(), config.root());
    }

    public LocalFolderObjectStore(String quarantinePrefix) {
        this.quarantinePrefix = quarantinePrefix.endsWith("/") ? quarantinePrefix : quarantinePrefix + "/";
    }

    /** Serves a folder as the named bucket (creating the folder); remounting a name replaces its folder. */
    public void mount(String bucket, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot use " + folder + " as bucket " + bucket + ": " + e, e);
        }
        roots.put(bucket, folder.toAbsolutePath().normalize());
    }

    public Path root(String bucket) {
        Path root = roots.get(bucket);
        if (root == null) {
            throw new IllegalArgumentException("No local folder is mounted as bucket '" + bucket + "' (mounted: "
                    + roots.keySet() + ")");
        }
        return root;
    }

    public String quarantinePrefix() {
        return quarantinePrefix;
    }

    @Override
    public Optional<StoredObject> stat(String bucket, String name) throws IOException {
        Path file = fileOf(bucket, name);
        if (!insideBucket(bucket, file)) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
            return attributes.isDirectory() ? Optional.empty() : Optional.of(describe(bucket, name, attributes));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> refusal(ObjectRef object) throws IOException {
        Path file = fileOf(object.bucket(), object.name());
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return Optional.of("it is a symbolic link, not a file: only regular files inside the bucket folder are "
                    + "loaded (a link can point at any file of this machine). Copy the file into the bucket instead");
        }
        if (!attributes.isRegularFile()) {
            return Optional.of("it is not a regular file (a device, a pipe or a socket): only regular files inside "
                    + "the bucket folder are loaded");
        }
        return Optional.empty();
    }

    /** False for a name whose folder is (or passes through) a link to somewhere outside the bucket. */
    private boolean insideBucket(String bucket, Path file) throws IOException {
        try {
            return file.getParent().toRealPath().startsWith(root(bucket).toRealPath());
        } catch (NoSuchFileException missingFolder) {
            return false;
        }
    }

    @Override
    public InputStream open(ObjectRef object) throws IOException {
        requireCurrent(object);
        // NOFOLLOW_LINKS: a file swapped for a link since it was judged fails here instead of being read
        return Files.newInputStream(fileOf(object.bucket(), object.name()), NOFOLLOW_LINKS);
    }

    /** Refuses a generation that was overwritten or deleted since it was notified (as GCS does). */
    private void requireCurrent(ObjectRef object) throws IOException {
        StoredObject current = stat(object.bucket(), object.name())
                .orElseThrow(() -> new NoSuchFileException(object.uri(), null, "the object no longer exists"));
        if (current.ref().generation() != object.generation()) {
            throw new NoSuchFileException(object.uri(), null,
                    "generation " + object.generation() + " was replaced by " + current.ref().generation());
        }
    }

    @Override
    public List<StoredObject> list(String bucket, String prefix) throws IOException {
        Path root = root(bucket);
        List<StoredObject> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String name = nameOf(root, file);
                if (name.isEmpty() || !name.startsWith(prefix) || isHidden(name) || name.startsWith(quarantinePrefix)) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes =
                            Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
                    if (!attributes.isDirectory()) { // links and devices too: the loader quarantines them
                        objects.add(describe(bucket, name, attributes));
                    }
                } catch (NoSuchFileException vanished) {
                    // renamed or deleted while listing: the next listing sees its new state
                }
            }
        }
        return objects;
    }

    @Override
    public ObjectRef quarantine(ObjectRef object, String reason) throws IOException {
        requireCurrent(object); // quarantine what was judged; a link is moved itself, never what it points at
        Path source = fileOf(object.bucket(), object.name());
        String targetName = quarantinePrefix + object.name();
        Path target = fileOf(object.bucket(), targetName);
        if (Files.exists(target)) {
            targetName = quarantinePrefix + object.name() + "." + object.generation();
            target = fileOf(object.bucket(), targetName);
        }
        Files.createDirectories(target.getParent());
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        // The reason sits beside the file, the local stand-in for GCS object metadata.
        Files.writeString(Path.of(target + ".reason.txt"),
                "object: " + object.uri() + "\nquarantined-at: " + Instant.now() + "\nreason: " + reason + "\n",
                StandardCharsets.UTF_8);
        return new ObjectRef(object.bucket(), targetName, object.generation());
    }

    @Override
    public String warehouseUri(ObjectRef object) {
        return fileOf(object.bucket(), object.name()).toString();
    }

    private Path fileOf(String bucket, String name) {
        ObjectNames.requireCanonical(name);
        Path root = root(bucket);
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("Object name " + name + " leaves bucket " + bucket);
        }
        return file;
    }

    private static StoredObject describe(String bucket, String name, BasicFileAttributes attributes) {
        long generation = attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS);
        return new StoredObject(new ObjectRef(bucket, name, generation), attributes.size(), contentType(name),
                attributes.lastModifiedTime().toInstant());
    }

    static String contentType(String name) {
        if (name.endsWith(".gz")) {
            return "application/gzip";
        }
        return name.endsWith(".csv") ? "text/csv" : "application/octet-stream";
    }

    private static String nameOf(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static boolean isHidden(String name) {
        for (String part : name.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
