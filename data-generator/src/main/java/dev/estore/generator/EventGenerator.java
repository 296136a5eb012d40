package dev.estore.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
  * Writes REES46-shaped event files, one per month, streaming: sessions are planned one at a
  * time along the traffic curve and merged by event time through small heaps, so memory holds
  * only the catalog, the users and the sessions still open.
  */
public final class EventGenerator {

    private static final byte[][] TYPE_TEXT = {
            ascii("view,"), ascii("cart,"), ascii("purchase,"), ascii("remove_from_cart,")};
    /** A session whose next event is further away than this waits in the paused queue. */
    private static final long PAUSE = 600;

    private final GeneratorOptions options;

    public EventGenerator(GeneratorOptions options) {
        this.options = options;
    }

    public GenerationReport generate() throws IOException {
        return generate(MonthListener.NONE);
    }

    /** Generates, telling {@code listener} of each month as soon as its file is complete (same files either way). */
    public GenerationReport generate(MonthListener listener) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(options.outDir());
        // Independent random streams per concern, so e.g. the catalog build does not shift session draws.
        SplittableRandom root = new SplittableRandom(options.seed());
        Catalog catalog = Catalog.build(root.split(), productCount(options.events()));
        UserBase users = UserBase.build(root.split(), userCount(options.events()), options.months());
        TrafficCurve curve = TrafficCurve.build(root.split(), options.firstMonth(), options.months());
        SessionPlanner planner = new SessionPlanner(root.split(), catalog, users, curve);

        MonthlyFiles files = new MonthlyFiles(options.outDir(), options.firstMonth(), options.months(), options.gzip(),
                curve, listener);
        List<GeneratedFile> written;
        try {
            new Run(catalog, curve, planner, files, options.events()).writeAll();
            written = files.finish();
        } finally {
            files.abort();
        }

        long rows = 0;
        long bytes = 0;
        for (GeneratedFile f : written) {
            rows += f.rows();
            bytes += f.bytes();
        }
        return new GenerationReport(written, rows, bytes, Duration.ofNanos(System.nanoTime() - started));
    }

    /** About 50 events per product, like a mid-size shop; bounded so the catalog stays small. */
    static int productCount(long events) {
        return (int) Math.max(500, Math.min(200_000, events / 50));
    }

    /** About 8 events per user over the period: a few heavy users and a long one-visit tail. */
    static int userCount(long events) {
        return (int) Math.max(200, Math.min(4_000_000, events / 8));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
      * The merge loop. Sessions about to write wait in a small heap; those resuming after a long
      * pause wait in another, so per-row heap work stays proportional to the sessions open now.
      * A new session is planned whenever its start time comes before every waiting event.
      */
    private static final class Run {
        private final byte[] pool;
        private final TrafficCurve curve;
        private final SessionPlanner planner;
        private final MonthlyFiles files;
        private final long total;
        private final SessionQueue active = new SessionQueue();
        private final SessionQueue paused = new SessionQueue();
        private long planned;
        private long nextStart;

        Run(Catalog catalog, TrafficCurve curve, SessionPlanner planner, MonthlyFiles files, long total) {
            this.pool = catalog.pool();
            this.curve = curve;
            this.planner = planner;
            this.files = files;
            this.total = total;
            this.nextStart = total > 0 ? curve.timeAt(0) : Long.MAX_VALUE;
        }

        void writeAll() throws IOException {
            while (true) {
                Session a = active.peek();
                Session p = paused.peek();
                boolean fromActive = a != null && (p == null || a.before(p));
                Session next = fromActive ? a : p;
                if (next != null && next.nextTime() < nextStart) {
                    write(next, fromActive);
                } else if (planned < total) {
                    planNext();
                } else {
                    return;
                }
            }
        }

        private void write(Session s, boolean fromActive) throws IOException {
            long time = s.nextTime();
            long part = s.nextRowPart();
            boolean noSession = (s.nextFlags() & Session.NO_SESSION_ID) != 0;
            files.writerFor(time).row(time, TYPE_TEXT[s.nextType()],
                    pool, Catalog.partOffset(part), Catalog.partLength(part), Catalog.partCents(part),
                    s.user(), s.userLength(), s.uuid(), noSession ? 0 : Session.UUID_LENGTH);
            s.advance();
            boolean more = s.hasNext();
            boolean pauses = more && s.nextTime() - time > PAUSE;
            if (fromActive && more && !pauses) {
                active.topChanged();
                return;
            }
            (fromActive ? active : paused).poll();
            if (!more) {
                planner.recycle(s);
            } else {
                (pauses ? paused : active).add(s);
            }
        }

        private void planNext() {
            Session session = planner.plan(nextStart, total - planned);
            planned += session.size();
            active.add(session);
            nextStart = planned < total ? curve.timeAt((double) planned / total) : Long.MAX_VALUE;
        }
    }
}
