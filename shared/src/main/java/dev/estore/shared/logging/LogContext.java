package dev.estore.shared.logging;

import org.jboss.logging.MDC;

/**
 * The id of the work a log line belongs to (a load, its file, a run, a model, a snapshot run, a sync), in the
 * logging context of this thread for as long as the work runs: every line logged meanwhile carries it, as a JSON
 * field on Google Cloud and in braces in the embedded runner's text. Closing restores what was there before.
 *
 * <pre>{@code try (LogContext run = LogContext.of("runId", runId)) { ... }}</pre>
 */
public final class LogContext implements AutoCloseable {

    private final String key;
    private final Object previous;

    private LogContext(String key, Object previous) {
        this.key = key;
        this.previous = previous;
    }

    public static LogContext of(String key, Object value) {
        Object previous = MDC.get(key);
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, String.valueOf(value));
        }
        return new LogContext(key, previous);
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
