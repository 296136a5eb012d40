package dev.estore.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
  * One monthly output file. It is written under a hidden temporary name in the same folder and
  * renamed atomically when complete, because a folder watcher must never see a partial file.
  */
final class MonthFile {

    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private final YearMonth month;
    private final Path target;
    private final Path temp;
    private final OutputStream stream;
    private final CsvRowWriter rows;

    private MonthFile(YearMonth month, Path target, Path temp, OutputStream stream) {
        this.month = month;
        this.target = target;
        this.temp = temp;
        this.stream = stream;
        this.rows = new CsvRowWriter(stream);
    }

    /** {@code rees46-2019-Oct.csv}, or {@code .csv.gz} when compressed. */
    static String fileName(YearMonth month, boolean gzip) {
        return new StringBuilder("rees46-").append(month.getYear()).append('-').append(MONTHS[month.getMonthValue() - 1])
                .append(gzip ? ".csv.gz" : ".csv").toString();
    }

    static MonthFile open(Path dir, YearMonth month, boolean gzip) throws IOException {
        String name = fileName(month, gzip);
        Path temp = dir.resolve(".".concat(name).concat(".tmp"));
        OutputStream stream = Files.newOutputStream(temp);
        try {
            MonthFile file = new MonthFile(month, dir.resolve(name), temp, gzip ? new FastGzipOutputStream(stream) : stream);
            file.rows.header();
            return file;
        } catch (IOException | RuntimeException e) {
            stream.close();
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    CsvRowWriter rows() {
        return rows;
    }

    GeneratedFile finish() throws IOException {
        rows.flush();
        stream.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return new GeneratedFile(target, month, rows.rows(), Files.size(target));
    }

    /** Best effort clean-up after a failure; the original exception is what matters. */
    void abort() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // already failing
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // already failing
        }
    }

    /** Speed over ratio: gzip output here is for transfer tests, not archival. */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
