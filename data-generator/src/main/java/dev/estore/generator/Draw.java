package dev.estore.generator;

import java.util.SplittableRandom;

/**
  * Random draws built only on {@link SplittableRandom}'s bits and {@link StrictMath}: Math.exp
  * and friends may differ in the last bit between JVMs and CPUs, which would change a rounded
  * price and break "same seed, same bytes" across machines.
  */
final class Draw {

    private Draw() {}

    /** Standard normal (Box-Muller). */
    static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * rnd.nextDouble());
    }

    /** exp(sigma * z): a log-normal factor with median 1. */
    static double logNormal(SplittableRandom rnd, double sigma) {
        return StrictMath.exp(sigma * gaussian(rnd));
    }

    /** Uniform on a log scale between {@code from} and {@code to}. */
    static double logUniform(SplittableRandom rnd, double from, double to) {
        return from * StrictMath.pow(to / from, rnd.nextDouble());
    }

    /** Failures before the first success, success chance {@code p} (capped to keep loops bounded). */
    static int geometric(SplittableRandom rnd, double p) {
        int k = 0;
        while (k < 1000 && rnd.nextDouble() >= p) {
            k++;
        }
        return k;
    }
}
