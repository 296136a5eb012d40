package dev.estore.generator;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Objects;

/**
  * What to generate: {@code events} data rows in total (duplicates included), spread over
  * {@code months} monthly files starting at {@code firstMonth}, written to {@code outDir}.
  * The same options always produce byte-identical files.
  */
public record GeneratorOptions(long events, int months, long seed, Path outDir, boolean gzip, YearMonth firstMonth) {

    /** More months than this would only be a typo; it also keeps month indexes in a byte. */
    static final int MAX_MONTHS = 120;

    public GeneratorOptions {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(firstMonth, "firstMonth");
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, was " + events);
        }
        if (months < 1 || months > MAX_MONTHS) {
            throw new IllegalArgumentException("months must be in 1.." + MAX_MONTHS + ", was " + months);
        }
    }

    /** 1,000,000 events over 7 months from 2019-10 (the span of the real dataset), seed 42, plain CSV. */
    public static GeneratorOptions defaults(Path outDir) {
        return new GeneratorOptions(1_000_000L, 7, 42L, outDir, false, YearMonth.of(2019, 10));
    }
}
