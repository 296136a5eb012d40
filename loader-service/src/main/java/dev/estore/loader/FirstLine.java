package dev.estore.loader;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Reads only the first line of an object (decompressing gzip on the fly), never the whole file. */
final class FirstLine {

    static final int MAX_BYTES = 64 * 1024;

    private FirstLine() {
    }

    /** The first line, without its newline; null when the content is empty (a zero-byte or empty gzip file). */
    static String read(InputStream raw, boolean gzip) throws IOException {
        InputStream in = gzip ? new GZIPInputStream(raw, 8192) : new BufferedInputStream(raw, 8192);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int next = in.read();
        if (next == -1) {
            return null;
        }
        while (next != -1 && next != '\n' && line.size() < MAX_BYTES) {
            line.write(next);
            next = in.read();
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
