package dev.estore.generator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
  * The run's monthly files, opened in month order as event time moves forward. Every month of
  * the period gets a file, even one without events (header only).
  */
final class MonthlyFiles {

    private final Path dir;
    private final YearMonth firstMonth;
    private final boolean gzip;
    private final TrafficCurve curve;
    private final int months;
    private final MonthListener listener;
    private final List<GeneratedFile> finished = new ArrayList<>();
    private MonthFile current;
    private int month = -1;
    private long currentEnd = Long.MIN_VALUE;

    MonthlyFiles(Path dir, YearMonth firstMonth, int months, boolean gzip, TrafficCurve curve,
            MonthListener listener) {
        this.dir = dir;
        this.listener = listener;
        this.firstMonth = firstMonth;
        this.months = months;
        this.gzip = gzip;
        this.curve = curve;
    }

    /** The writer for an event at {@code epochSecond}; times must not decrease between calls. */
    CsvRowWriter writerFor(long epochSecond) throws IOException {
        while (epochSecond >= currentEnd) {
            next();
        }
        return current.rows();
    }

    /** Finishes the current month and any remaining ones; files in month order. */
    List<GeneratedFile> finish() throws IOException {
        while (month < months - 1) {
            next();
        }
        if (current != null) {
            MonthFile done = current;
            current = null;
            finished(done);
        }
        return finished;
    }

    /** Removes the temporary file being written, after a failure. */
    void abort() {
        if (current != null) {
            current.abort();
            current = null;
        }
    }

    private void finished(MonthFile done) throws IOException {
        GeneratedFile file = done.finish();
        finished.add(file);
        listener.finished(file);
    }

    private void next() throws IOException {
        if (current != null) {
            MonthFile done = current;
            current = null;
            finished(done);
        }
        month++;
        current = MonthFile.open(dir, firstMonth.plusMonths(month), gzip);
        currentEnd = month == months - 1 ? Long.MAX_VALUE : curve.monthStart(month + 1);
    }
}
