package dev.estore.generator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Test helper: the rows of a generated run, in file order, with the month index of their file. */
record Dataset(List<String> headers, List<Row> rows) {

  record Row(int month, String line, String time, String type, String productId, String categoryId,
      String categoryCode, String brand, String price, String userId, String session) {

    /** Seconds since 2000-01-01 (enough for gaps and order; the exact epoch does not matter here). */
    long seconds() {
      int year = Integer.parseInt(time.substring(0, 4));
      int month = Integer.parseInt(time.substring(5, 7));
      int day = Integer.parseInt(time.substring(8, 10));
      long days = java.time.LocalDate.of(year, month, day).toEpochDay();
      return days * 86_400 + Integer.parseInt(time.substring(11, 13)) * 3600
          + Integer.parseInt(time.substring(14, 16)) * 60 + Integer.parseInt(time.substring(17, 19));
    }
  }

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
        rows.add(new Row(m, lines[i], f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]));
      }
    }
    return new Dataset(headers, rows);
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
