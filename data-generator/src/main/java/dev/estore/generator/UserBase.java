package dev.estore.generator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
  * Shoppers, indexed by activity rank (0 = most active). Each has a 9-digit id, a first and a
  * last active month and a buying tier. Session owners are drawn with a head-heavy skew, so a
  * few users come back month after month while the long tail shows up once.
  */
final class UserBase {

    static final byte LOYAL = 0;
    static final byte REGULAR = 1;
    static final byte PROSPECT = 2;

    /** Share of users already registered before the first month; the rest join evenly later. */
    private static final double EXISTING_SHARE = 0.45;
    /** Share of sessions (after the first month) that come from users who joined that month. */
    private static final double NEWCOMER_SESSION_SHARE = 0.25;
    private static final int MAX_DRAWS = 64;
    /** User ids live in 410,000,000..559,999,999 like the real 9-digit ids; newer cohorts get higher ids. */
    private static final int ID_BASE = 410_000_000;
    private static final int ID_SPAN = 150_000_000;

    /** Per user, one long: id (32 bits) | first month (8) | last month (8) | tier (8); one memory read per draw. */
    private final long[] packed;
    /** Users grouped by first month: cohort m is byCohort[cohortStart[m] .. cohortStart[m + 1]). */
    private final int[] byCohort;
    private final int[] cohortStart;

    private UserBase(int[] ids, byte[] firstMonth, byte[] lastMonth, byte[] tier, int months) {
        int n = ids.length;
        this.packed = new long[n];
        for (int r = 0; r < n; r++) {
            packed[r] = (ids[r] & 0xFFFFFFFFL) | (long) firstMonth[r] << 32 | (long) lastMonth[r] << 40 | (long) tier[r] << 48;
        }
        this.cohortStart = new int[months + 1];
        for (byte m : firstMonth) {
            cohortStart[m + 1]++;
        }
        for (int m = 0; m < months; m++) {
            cohortStart[m + 1] += cohortStart[m];
        }
        this.byCohort = new int[n];
        int[] next = Arrays.copyOf(cohortStart, months);
        for (int r = 0; r < n; r++) {
            byCohort[next[firstMonth[r]]++] = r;
        }
    }

    static UserBase build(SplittableRandom rnd, int n, int months) {
        byte[] first = new byte[n];
        byte[] last = new byte[n];
        byte[] tier = new byte[n];
        for (int r = 0; r < n; r++) {
            double rankShare = (double) r / n;
            tier[r] = tierFor(rnd, rankShare);
            first[r] = (byte) (months == 1 || rnd.nextDouble() < EXISTING_SHARE ? 0 : 1 + rnd.nextInt(months - 1));
            // Loyal customers stay; others drift away after a few months, prospects sooner.
            int stay = tier[r] == LOYAL ? months : Draw.geometric(rnd, tier[r] == REGULAR ? 0.3 : 0.55);
            last[r] = (byte) Math.min(months - 1, first[r] + stay);
        }
        // The most active user is always there, which also bounds the rejection sampling below.
        first[0] = 0;
        last[0] = (byte) (months - 1);
        tier[0] = LOYAL;
        return new UserBase(assignIds(rnd, first, months), first, last, tier, months);
    }

    int id(int user) {
        return (int) packed[user];
    }

    byte tier(int user) {
        return (byte) (packed[user] >>> 48);
    }

    /**
      * A user active in {@code month}, sometimes deliberately one who registered that month.
      * Otherwise rank = n * u^2, which concentrates sessions on the top ranks, redrawn until the
      * user is active that month.
      */
    int sample(SplittableRandom rnd, int month) {
        int n = packed.length;
        int cohort = cohortStart[month + 1] - cohortStart[month];
        if (month > 0 && cohort > 0 && rnd.nextDouble() < NEWCOMER_SESSION_SHARE) {
            return byCohort[cohortStart[month] + rnd.nextInt(cohort)];
        }
        for (int i = 0; i < MAX_DRAWS; i++) {
            double u = rnd.nextDouble();
            int r = Math.min(n - 1, (int) (n * u * u));
            long v = packed[r];
            if ((v >>> 32 & 0xFF) <= month && (v >>> 40 & 0xFF) >= month) {
                return r;
            }
        }
        return 0;
    }

    private static byte tierFor(SplittableRandom rnd, double rankShare) {
        double u = rnd.nextDouble();
        if (rankShare < 0.04) {
            return u < 0.7 ? LOYAL : REGULAR;
        }
        return u < 0.01 ? LOYAL : u < 0.36 ? PROSPECT : REGULAR;
    }

    /**
      * Ids grow with the registration month and are scattered within a month's cohort: the k-th
      * user of a cohort takes id block (k * step + offset) mod cohortSize, a bijection, plus a
      * random offset inside the block, so ids are unique without a set. Users are visited in
      * order, which keeps this pass sequential in memory.
      */
    private static int[] assignIds(SplittableRandom rnd, byte[] first, int months) {
        int n = first.length;
        int block = Math.max(1, ID_SPAN / n);
        int[] cohortSize = new int[months];
        for (byte m : first) {
            cohortSize[m]++;
        }
        int[] cohortStart = new int[months];
        long[] step = new long[months];
        long[] offset = new long[months];
        for (int m = 0; m < months; m++) {
            cohortStart[m] = m == 0 ? 0 : cohortStart[m - 1] + cohortSize[m - 1];
            step[m] = coprimeStep(Math.max(1, cohortSize[m]), rnd);
            offset[m] = rnd.nextInt(Math.max(1, cohortSize[m]));
        }
        int[] seen = new int[months];
        int[] ids = new int[n];
        for (int r = 0; r < n; r++) {
            int m = first[r];
            int slot = cohortStart[m] + (int) ((seen[m]++ * step[m] + offset[m]) % cohortSize[m]);
            ids[r] = ID_BASE + slot * block + rnd.nextInt(block);
        }
        return ids;
    }

    /** A step near n * 0.618 sharing no factor with n, so j -> j * step mod n visits every index once. */
    private static long coprimeStep(int n, SplittableRandom rnd) {
        long step = Math.max(1, (long) (n * 0.618) + rnd.nextInt(Math.max(1, n / 10)));
        while (gcd(step, n) != 1) {
            step++;
        }
        return step;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
