package dev.estore.generator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Test helper: the rows of a generated run, in file order, with the month index of their file. */
record Dataset(List<String> headers, List<Row> rows) {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** {@code seconds} is the event time as epoch seconds (UTC). */
    record Row(int month, String line, String time, long seconds, String type, String productId, String categoryId,
            String categoryCode, String brand, String price, String userId, String session) {}

    static Dataset read(GenerationReport report) throws IOException {
        List<String> headers = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int m = 0; m < report.files().size(); m++) {
            String text = text(report.files().get(m).path());
            String[] lines = text.split("\n", -1);
            headers.add(lines[0]);
            // The file ends with '\n', so the last split element is empty.
            for (int i = 1; i < lines.length - 1; i++) {
                String[] f = lines[i].split(",", -1);
                if (f.length != 9) {
                    throw new AssertionError("expected 9 fields: " + lines[i]);
                }
                rows.add(new Row(m, lines[i], f[0], seconds(f[0]), f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]));
            }
        }
        return new Dataset(headers, rows);
    }

    /** Parses {@code 2019-10-01 00:00:04 UTC}; Long.MIN_VALUE for anything else (the format test reports it). */
    private static long seconds(String time) {
        if (!time.endsWith(" UTC") || time.length() != 23) {
            return Long.MIN_VALUE;
        }
        return LocalDateTime.parse(time.substring(0, 19), FORMAT).toEpochSecond(ZoneOffset.UTC);
    }

    static String text(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                bytes = in.readAllBytes();
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
