package dev.estore.runner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder a command owns and empties before use (demo, bench). It refuses to empty a folder holding anything
 * the command did not put there, so a mistyped --dir cannot wipe someone's data.
 */
public final class ScratchFolder {

    private ScratchFolder() {
    }

    public static void reset(Path folder, List<String> ownNames) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<String> foreign = entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> ownNames.stream().noneMatch(name::startsWith)).sorted().toList();
            if (!foreign.isEmpty()) {
                throw new IllegalArgumentException("Refusing to empty " + folder.toAbsolutePath() + ": it holds "
                        + foreign + ", which this command did not create. Choose another --dir.");
            }
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
