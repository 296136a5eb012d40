package dev.estore.generator;

import java.util.Arrays;

/**
  * One planned user session: its events in time order and a cursor to the next one to write.
  * Sessions wait in a heap ordered by their next event time, which interleaves concurrent
  * sessions into a time-ordered file without holding the whole month in memory. Finished
  * sessions are recycled, so steady-state generation allocates almost nothing.
  */
final class Session {

    static final byte NO_SESSION_ID = 1;
    static final int UUID_LENGTH = 36;

    private final byte[] uuid = new byte[UUID_LENGTH];
    /** The user_id column: decimal digits then a comma. */
    private final byte[] user = new byte[12];
    private int userLength;
    private long order;
    private long[] times = new long[8];
    private int[] products = new int[8];
    /** {@link Catalog#rowPart}: product text location and price. */
    private long[] parts = new long[8];
    private byte[] types = new byte[8];
    private byte[] flags = new byte[8];
    private int size;
    private int cursor;
    /** Cached times[cursor]: the heap compares this field without touching the array. */
    private long key;

    /** Empties the session for reuse; {@code order} breaks ties between equal event times. */
    void reset(long order, int userId) {
        this.order = order;
        this.size = 0;
        this.cursor = 0;
        int digits = 1;
        for (int v = userId; v >= 10; v /= 10) {
            digits++;
        }
        user[digits] = ',';
        for (int i = digits - 1; i >= 0; i--) {
            user[i] = (byte) ('0' + userId % 10);
            userId /= 10;
        }
        userLength = digits + 1;
    }

    /** The 36 bytes of the user_session text, filled in by the planner. */
    byte[] uuid() {
        return uuid;
    }

    byte[] user() {
        return user;
    }

    int userLength() {
        return userLength;
    }

    void add(long time, byte type, int product, long rowPart, byte eventFlags) {
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            products = Arrays.copyOf(products, capacity);
            parts = Arrays.copyOf(parts, capacity);
            types = Arrays.copyOf(types, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
        if (size == 0) {
            key = time;
        }
        times[size] = time;
        types[size] = type;
        products[size] = product;
        parts[size] = rowPart;
        flags[size] = eventFlags;
        size++;
    }

    /** Repeats the last event as is: the source of exact duplicate rows. */
    void repeatLast() {
        add(times[size - 1], types[size - 1], products[size - 1], parts[size - 1], flags[size - 1]);
    }

    /** Keeps the first {@code n} events; a prefix keeps every cart before its purchase. */
    void truncate(int n) {
        size = Math.min(size, n);
    }

    /** Drops events at or after {@code end}; times never decrease, so this is a suffix. */
    void dropFrom(long end) {
        while (size > 0 && times[size - 1] >= end) {
            size--;
        }
    }

    int size() {
        return size;
    }

    int product(int i) {
        return products[i];
    }

    boolean hasNext() {
        return cursor < size;
    }

    long nextTime() {
        return key;
    }

    byte nextType() {
        return types[cursor];
    }

    long nextRowPart() {
        return parts[cursor];
    }

    byte nextFlags() {
        return flags[cursor];
    }

    void advance() {
        cursor++;
        if (cursor < size) {
            key = times[cursor];
        }
    }

    /** Total order for the merge: time, then planning order, so ties never depend on heap layout. */
    boolean before(Session other) {
        return key < other.key || (key == other.key && order < other.order);
    }
}
