package dev.estore.generator;

import java.util.SplittableRandom;

/**
  * Fires about once every {@code mean} calls, with gaps drawn uniformly from 1..2*mean-1 and the
  * first firing within the first {@code mean} calls. Unlike a coin flip per call, rare features
  * (duplicates, empty sessions, exact one-hour gaps) are then guaranteed to appear in small runs.
  */
final class Ticker {

    private final int mean;
    private final SplittableRandom rnd;
    private long countdown;

    Ticker(SplittableRandom rnd, int mean) {
        this.rnd = rnd;
        this.mean = mean;
        this.countdown = 1 + rnd.nextInt(mean);
    }

    boolean tick() {
        if (--countdown > 0) {
            return false;
        }
        countdown = 1 + rnd.nextInt(2 * mean - 1);
        return true;
    }
}
