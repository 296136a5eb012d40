package dev.estore.runner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set (JVM heap plus DuckDB's native memory), from Linux's /proc. */
final class PeakMemory {

    private PeakMemory() {
    }

    static String describe() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D+", ""));
                    return String.format("%.0f MB (VmHWM)", kb / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through
        }
        Runtime runtime = Runtime.getRuntime();
        return String.format("%.0f MB JVM heap in use (no /proc on this system)",
                (runtime.totalMemory() - runtime.freeMemory()) / 1e6);
    }
}
