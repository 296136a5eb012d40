package dev.estore.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
  * Renders rows straight into a large byte buffer: digits and timestamps by hand, the date part
  * cached per day, product columns copied from pre-rendered bytes. No per-row objects.
  */
final class CsvRowWriter {

    static final String HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n";

    private static final int BUFFER = 1 << 20;
    /** Longest possible row with margin: pre-rendered product columns stay far below this. */
    private static final int MAX_ROW = 1024;
    private static final byte[] UTC = " UTC,".getBytes(StandardCharsets.US_ASCII);
    /** "00" "01" ... "99" back to back. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private final byte[] date = new byte[11];
    private long cachedDay = Long.MIN_VALUE;
    private int pos;
    private long rows;

    CsvRowWriter(OutputStream out) {
        this.out = out;
    }

    void header() throws IOException {
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, buf, pos, header.length);
        pos += header.length;
    }

    /**
      * {@code type}, the product columns ({@code productLength} bytes of {@code products} from
      * {@code productOffset}) and the first {@code userLength} bytes of {@code user} include their
      * trailing comma; {@code sessionLength} is 36, or 0 for a missing session id.
      */
    void row(long epochSecond, byte[] type, byte[] products, int productOffset, int productLength, int priceCents,
            byte[] user, int userLength, byte[] session, int sessionLength) throws IOException {
        if (pos + MAX_ROW > buf.length) {
            flush();
        }
        timestamp(epochSecond);
        put(type);
        System.arraycopy(products, productOffset, buf, pos, productLength);
        pos += productLength;
        number(priceCents / 100);
        buf[pos++] = '.';
        two(priceCents % 100);
        buf[pos++] = ',';
        System.arraycopy(user, 0, buf, pos, userLength);
        pos += userLength;
        System.arraycopy(session, 0, buf, pos, sessionLength);
        pos += sessionLength;
        buf[pos++] = '\n';
        rows++;
    }

    long rows() {
        return rows;
    }

    void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private void timestamp(long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400L);
        if (day != cachedDay) {
            cacheDate(day);
        }
        System.arraycopy(date, 0, buf, pos, date.length);
        pos += date.length;
        int secondOfDay = (int) (epochSecond - day * 86_400L);
        two(secondOfDay / 3600);
        buf[pos++] = ':';
        two(secondOfDay / 60 % 60);
        buf[pos++] = ':';
        two(secondOfDay % 60);
        put(UTC);
    }

    private void cacheDate(long day) {
        LocalDate d = LocalDate.ofEpochDay(day);
        int year = d.getYear();
        date[0] = (byte) ('0' + year / 1000 % 10);
        date[1] = (byte) ('0' + year / 100 % 10);
        date[2] = (byte) ('0' + year / 10 % 10);
        date[3] = (byte) ('0' + year % 10);
        date[4] = '-';
        date[5] = (byte) ('0' + d.getMonthValue() / 10);
        date[6] = (byte) ('0' + d.getMonthValue() % 10);
        date[7] = '-';
        date[8] = (byte) ('0' + d.getDayOfMonth() / 10);
        date[9] = (byte) ('0' + d.getDayOfMonth() % 10);
        date[10] = ' ';
        cachedDay = day;
    }

    /** 0..99 as two digits, from a table instead of two divisions. */
    private void two(int value) {
        buf[pos++] = PAIRS[2 * value];
        buf[pos++] = PAIRS[2 * value + 1];
    }

    /** Non-negative int in decimal, two digits at a time. */
    private void number(int value) {
        int digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10_000 ? 4 : value < 100_000 ? 5
                : value < 1_000_000 ? 6 : value < 10_000_000 ? 7 : value < 100_000_000 ? 8 : value < 1_000_000_000 ? 9 : 10;
        int i = pos + digits;
        pos = i;
        while (value >= 100) {
            int pair = value % 100;
            value /= 100;
            buf[--i] = PAIRS[2 * pair + 1];
            buf[--i] = PAIRS[2 * pair];
        }
        if (value >= 10) {
            buf[--i] = PAIRS[2 * value + 1];
            buf[--i] = PAIRS[2 * value];
        } else {
            buf[--i] = (byte) ('0' + value);
        }
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }
}
