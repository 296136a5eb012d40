package dev.estore.embedded.duckdb;

import java.util.StringJoiner;

/** Milliseconds per step of a unit of work, for debug logs that show where a load spends its time. */
final class StepTimer {

    private final StringJoiner laps = new StringJoiner(", ");
    private long last = System.nanoTime();

    void lap(String step) {
        long now = System.nanoTime();
        laps.add(step + " " + (now - last) / 1_000_000 + " ms");
        last = now;
    }

    @Override
    public String toString() {
        return laps.toString();
    }
}
