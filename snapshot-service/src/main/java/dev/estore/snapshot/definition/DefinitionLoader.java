package dev.estore.snapshot.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.estore.shared.resources.ClasspathFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the snapshot definitions: {@code snapshots.yml} (defaults for all, and the anchor that locates the
 * folder on the classpath) and every other {@code <name>.yml} beside it. There is no list to maintain: adding a
 * file adds a snapshot.
 */
public final class DefinitionLoader {

    public static final String CLASSPATH_ROOT = "snapshots";
    public static final String ANCHOR_FILE = "snapshots.yml";

    private DefinitionLoader() {
    }

    /** The definitions packaged with the snapshot-service (src/main/resources/snapshots), in a jar or a folder. */
    public static SnapshotCatalog fromClasspath() {
        try {
            return ClasspathFolder.read(CLASSPATH_ROOT, ANCHOR_FILE, folder -> read(folder, CLASSPATH_ROOT));
        } catch (IOException e) {
            throw new DefinitionException("Cannot read the packaged snapshot definitions: " + e.getMessage(), e);
        }
    }

    /** A folder of definitions on disk ({@code estore.snapshot.definitions-dir}). */
    public static SnapshotCatalog fromDirectory(Path folder) {
        try {
            return read(folder, folder.toString());
        } catch (IOException e) {
            throw new DefinitionException("Cannot read the snapshot definitions in " + folder + ": " + e.getMessage(),
                    e);
        }
    }

    private static SnapshotCatalog read(Path folder, String shownAs) throws IOException {
        Path anchor = folder.resolve(ANCHOR_FILE);
        if (!Files.isRegularFile(anchor)) {
            throw new DefinitionException("No " + ANCHOR_FILE + " in " + shownAs
                    + " (it holds the defaults and marks the folder of snapshot definitions)");
        }
        String anchorName = shownAs + "/" + ANCHOR_FILE;
        DefinitionParser.Defaults defaults = DefinitionParser.defaults(anchorName,
                DefinitionParser.readYaml(anchorName, Files.readString(anchor, StandardCharsets.UTF_8)));
        List<SnapshotDefinition> definitions = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(DefinitionLoader::isDefinition).sorted().toList()) {
                String fileName = file.getFileName().toString();
                String shown = shownAs + "/" + fileName;
                JsonNode node = DefinitionParser.readYaml(shown, Files.readString(file, StandardCharsets.UTF_8));
                SnapshotDefinition definition = DefinitionParser.parse(shown,
                        fileName.substring(0, fileName.length() - ".yml".length()), node, defaults);
                if (!targets.add(definition.target().toString().toLowerCase())) {
                    throw new DefinitionException(shown + ": another definition already writes "
                            + definition.target());
                }
                definitions.add(definition);
            }
        }
        return new SnapshotCatalog(definitions);
    }

    private static boolean isDefinition(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yml") && !name.equals(ANCHOR_FILE) && !name.startsWith(".") && Files.isRegularFile(file);
    }
}
