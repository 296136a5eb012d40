package dev.estore.generator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
  * Plans one session at a time: a user browses products mostly from one category, views each a
  * few times, puts some in the cart and checks out some of those at the end. A few sessions
  * come back under the same session id after a pause of an hour up to months.
  */
final class SessionPlanner {

    static final byte VIEW = 0;
    static final byte CART = 1;
    static final byte PURCHASE = 2;
    static final byte REMOVE_FROM_CART = 3;

    /** remove_from_cart only exists from the fourth month on, as in the later real files. */
    static final int FIRST_MONTH_WITH_REMOVALS = 3;
    private static final double REMOVAL_CHANCE = 0.06;
    private static final double FOCUS_CATEGORY_CHANCE = 0.8;
    /** Per product viewed, by tier (loyal, regular, prospect). */
    private static final double[] CART_CHANCE = {0.17, 0.10, 0.06};
    /** Per carted product, by tier: prospects never buy, which RFM needs. */
    private static final double[] PURCHASE_CHANCE = {0.55, 0.25, 0.0};
    /** Any gap inside a burst stays well below the one-hour session timeout. */
    private static final long MAX_GAP = 1500;
    private static final long HOUR = 3600;
    private static final long DAY = 86_400;
    private static final int SPREAD_SIZE = 4096;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final SplittableRandom rnd;
    private final Catalog catalog;
    private final UserBase users;
    private final TrafficCurve curve;
    /** ~1.8% of sessions resume after hours to months; with the 3601 s cases ~2% split under a 1 h timeout. */
    private final Ticker longPause;
    /** Pauses of exactly 3600 s (same session under a 1 h timeout) and 3601 s (split). */
    private final Ticker oneHourPause;
    private final Ticker justOverOneHourPause;
    private final Ticker duplicate;
    private final Ticker missingSessionId;
    /** Pre-drawn log-normal factors exp(0.8 z): a table lookup per click instead of a Gaussian and an exp. */
    private final double[] spread = new double[SPREAD_SIZE];
    private final int[] checkout = new int[64];
    private final ArrayDeque<Session> spare = new ArrayDeque<>();
    private long sessions;

    SessionPlanner(SplittableRandom rnd, Catalog catalog, UserBase users, TrafficCurve curve) {
        this.rnd = rnd;
        this.catalog = catalog;
        this.users = users;
        this.curve = curve;
        this.longPause = new Ticker(rnd, 55);
        this.oneHourPause = new Ticker(rnd, 250);
        this.justOverOneHourPause = new Ticker(rnd, 300);
        this.duplicate = new Ticker(rnd, 200);
        this.missingSessionId = new Ticker(rnd, 2500);
        for (int i = 0; i < SPREAD_SIZE; i++) {
            spread[i] = Draw.logNormal(rnd, 0.8);
        }
    }

    /**
      * A session whose first event is at {@code start}, with between 1 and {@code budget} events,
      * all before the end of the period.
      */
    Session plan(long start, long budget) {
        int month = curve.monthOf(start);
        int user = users.sample(rnd, month);
        byte tier = users.tier(user);
        Session session = spare.isEmpty() ? new Session() : spare.pop();
        session.reset(sessions++, users.id(user));
        uuid(session.uuid());
        long sessionBits = rnd.nextLong();
        boolean removals = month >= FIRST_MONTH_WITH_REMOVALS;
        int focus = catalog.sampleCategory(rnd);

        long t = browse(session, sessionBits, start, tier, focus, -1, 1 + Draw.geometric(rnd, 0.5), removals);
        long pause = pause();
        if (pause > 0) {
            // Coming back to something seen before, then maybe a little more browsing.
            int revisit = session.product(rnd.nextInt(session.size()));
            browse(session, sessionBits, t + pause, tier, focus, revisit, 1 + Draw.geometric(rnd, 0.6), removals);
        }
        session.dropFrom(curve.end());
        session.truncate((int) Math.min(Integer.MAX_VALUE, budget));
        return session;
    }

    /** Adds the events for browsing {@code count} products from {@code t}; returns the last event time. */
    private long browse(Session s, long bits, long t, byte tier, int focus, int firstProduct, int count,
            boolean removals) {
        int toBuy = 0;
        for (int k = 0; k < count; k++) {
            int product = k == 0 && firstProduct >= 0 ? firstProduct
                    : rnd.nextDouble() < FOCUS_CATEGORY_CHANCE ? catalog.sampleProductIn(focus, rnd)
                    : catalog.sampleProduct(rnd);
            if (k > 0) {
                t += gap(35);
            }
            int views = 1 + Math.min(7, Draw.geometric(rnd, 0.55));
            for (int v = 0; v < views; v++) {
                if (v > 0) {
                    t += gap(15);
                }
                add(s, bits, t, VIEW, product);
            }
            if (rnd.nextDouble() < CART_CHANCE[tier]) {
                t += gap(12);
                add(s, bits, t, CART, product);
                if (removals && rnd.nextDouble() < REMOVAL_CHANCE) {
                    t += gap(60);
                    add(s, bits, t, REMOVE_FROM_CART, product);
                } else if (toBuy < checkout.length && rnd.nextDouble() < PURCHASE_CHANCE[tier]) {
                    checkout[toBuy++] = product;
                }
            }
        }
        // Checkout at the end: purchases of one order land seconds apart.
        for (int i = 0; i < toBuy; i++) {
            t += i == 0 ? gap(90) : 1 + rnd.nextInt(4);
            add(s, bits, t, PURCHASE, checkout[i]);
        }
        return t;
    }

    private void add(Session s, long bits, long t, byte type, int product) {
        // Products listed under two brand spellings show one of them per session.
        boolean alt = catalog.hasAlt(product) && ((bits >>> (product & 63)) & 1) != 0;
        byte flags = type == VIEW && missingSessionId.tick() ? Session.NO_SESSION_ID : 0;
        s.add(t, type, product, catalog.rowPart(product, alt, Math.floorDiv(t, DAY)), flags);
        if (duplicate.tick()) {
            s.repeatLast();
        }
    }

    /** 0 for no pause, otherwise the seconds until the session id shows up again. */
    private long pause() {
        boolean justOver = justOverOneHourPause.tick();
        boolean exact = oneHourPause.tick();
        boolean longer = longPause.tick();
        if (justOver) {
            return HOUR + 1;
        }
        if (exact) {
            return HOUR;
        }
        if (!longer) {
            return 0;
        }
        double u = rnd.nextDouble();
        return u < 0.5 ? logUniform(HOUR + 2, 12 * HOUR)
                : u < 0.8 ? logUniform(12 * HOUR, 7 * DAY)
                : logUniform(7 * DAY, 90 * DAY);
    }

    /** Seconds between two clicks: log-normal around {@code median}, at least 1 s, capped. */
    private long gap(double median) {
        return Math.min(MAX_GAP, 1 + (long) (median * spread[rnd.nextInt() & (SPREAD_SIZE - 1)]));
    }

    private long logUniform(long from, long to) {
        return (long) Draw.logUniform(rnd, from, to);
    }

    /** Takes back a session that has written all its events, for reuse by a later plan. */
    void recycle(Session session) {
        spare.push(session);
    }

    /** A random (version 4) UUID rendered as lower-case 8-4-4-4-12 text. */
    private void uuid(byte[] out) {
        long hi = (rnd.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        hex(out, 0, hi >>> 32, 8);
        out[8] = '-';
        hex(out, 9, hi >>> 16, 4);
        out[13] = '-';
        hex(out, 14, hi, 4);
        out[18] = '-';
        hex(out, 19, lo >>> 48, 4);
        out[23] = '-';
        hex(out, 24, lo, 12);
    }

    /** The low {@code digits} hex digits of {@code value}, most significant first. */
    private static void hex(byte[] out, int at, long value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = HEX[(int) value & 0xF];
            value >>>= 4;
        }
    }
}
