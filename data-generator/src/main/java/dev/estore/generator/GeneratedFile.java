package dev.estore.generator;

import java.nio.file.Path;
import java.time.YearMonth;

/** One finished monthly file: {@code rows} data rows (header excluded), {@code bytes} on disk. */
public record GeneratedFile(Path path, YearMonth month, long rows, long bytes) {}
