package dev.estore.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class FirstLineTest {

    @Test
    void readsOnlyTheFirstLine() throws IOException {
        CountingStream in = new CountingStream("a,b,c\n" + "x".repeat(1_000_000));
        assertThat(FirstLine.read(in, false)).isEqualTo("a,b,c");
        assertThat(in.consumed).isLessThan(64 * 1024);
    }

    @Test
    void decompressesGzip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("h1,h2\nrow\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(FirstLine.read(new ByteArrayInputStream(bytes.toByteArray()), true)).isEqualTo("h1,h2");
    }

    @Test
    void tellsAnEmptyContentFromAnEmptyFirstLine() throws IOException {
        assertThat(FirstLine.read(new ByteArrayInputStream(new byte[0]), false)).isNull();
        assertThat(FirstLine.read(new ByteArrayInputStream("\nrow\n".getBytes(StandardCharsets.UTF_8)), false))
                .isEmpty();
    }

    @Test
    void stopsAtTheLimitForAFileWithoutNewline() throws IOException {
        assertThat(FirstLine.read(new ByteArrayInputStream(new byte[200_000]), false)).hasSize(FirstLine.MAX_BYTES);
    }

    /** Counts how many bytes the reader pulled. */
    private static final class CountingStream extends InputStream {
        private final byte[] data;
        private int position;
        int consumed;

        CountingStream(String text) {
            this.data = text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            consumed++;
            return position < data.length ? data[position++] : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(length, data.length - position);
            System.arraycopy(data, position, buffer, offset, n);
            position += n;
            consumed += n;
            return n;
        }
    }
}
