package dev.estore.generator;

import java.time.Duration;
import java.util.List;

/** Outcome of one {@link EventGenerator#generate()} run, files in month order. */
public record GenerationReport(List<GeneratedFile> files, long totalRows, long totalBytes, Duration elapsed) {

    public GenerationReport {
        files = List.copyOf(files);
    }

    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0.0 : totalRows / seconds;
    }
}
