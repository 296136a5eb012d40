package dev.estore.embedded.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedSet;

/**
 * The physical line on which a CSV record starts. DuckDB numbers rejected rows by record (the header is record 1),
 * so after a quoted field holding a newline every later row would be reported a line too low; a person opening
 * the file in an editor needs the physical line. One pass over the bytes up to the last record asked for,
 * following RFC 4180 quoting ('"' opens and closes a quoted field; a doubled '"' inside one toggles twice).
 */
final class RecordStartLines {

    private RecordStartLines() {
    }

    /** For each record number asked for whose physical line differs, that line (records not reached: absent). */
    static Map<Long, Long> of(InputStream csv, SortedSet<Long> records) throws IOException {
        Map<Long, Long> moved = new HashMap<>();
        Iterator<Long> wanted = records.iterator();
        Long next = wanted.hasNext() ? wanted.next() : null;
        long record = 1;
        long physical = 1;
        while (next != null && next <= record) {
            next = wanted.hasNext() ? wanted.next() : null; // record 1 is the header: always line 1
        }
        boolean quoted = false;
        byte[] buffer = new byte[1 << 16];
        for (int read = csv.read(buffer); read >= 0 && next != null; read = csv.read(buffer)) {
            for (int i = 0; i < read && next != null; i++) {
                byte b = buffer[i];
                if (b == '"') {
                    quoted = !quoted;
                } else if (b == '\n') {
                    physical++;
                    if (!quoted) {
                        record++;
                        while (next != null && next == record) {
                            if (physical != record) {
                                moved.put(record, physical);
                            }
                            next = wanted.hasNext() ? wanted.next() : null;
                        }
                    }
                }
            }
        }
        return moved;
    }
}
