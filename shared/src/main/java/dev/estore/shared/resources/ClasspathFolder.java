package dev.estore.shared.resources;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * A folder of resources packaged with a service (model files, snapshot definitions), read as a {@link Path}
 * whether the service runs from a jar or from a build folder. An anchor file locates the folder, so the folder's
 * contents need no list of their own: adding a file adds it.
 */
public final class ClasspathFolder {

    private ClasspathFolder() {
    }

    /** How to read the folder once it is found. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Path folder) throws IOException;
    }

    public static <T> T read(String folder, String anchorFile, Reader<T> reader) throws IOException {
        String resource = folder + "/" + anchorFile;
        URL anchor = Thread.currentThread().getContextClassLoader().getResource(resource);
        if (anchor == null) {
            throw new FileNotFoundException("No " + resource + " on the classpath");
        }
        URI uri;
        try {
            uri = anchor.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("Cannot address " + anchor + ": " + e.getMessage(), e);
        }
        // A native image serves its included resources under resource: (a file system like a jar's).
        if (!"jar".equals(uri.getScheme()) && !"resource".equals(uri.getScheme())) {
            return reader.read(Path.of(uri).getParent());
        }
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
            return reader.read(jar.getPath("/" + folder));
        } catch (FileSystemAlreadyExistsException e) {
            // Someone else has the jar open: read through theirs and leave it open for them.
            return reader.read(FileSystems.getFileSystem(uri).getPath("/" + folder));
        }
    }
}
