package dev.estore.runner.observability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** The estore log records written while installed, each with its logging context as it was on the writing thread. */
final class CapturedLogLines extends Handler implements AutoCloseable {

    record Line(String logger, String message, Map<String, String> context) {

        String get(String key) {
            return context.get(key);
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    static CapturedLogLines onRootLogger() {
        CapturedLogLines captured = new CapturedLogLines();
        Logger.getLogger("").addHandler(captured);
        return captured;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLoggerName() != null && record.getLoggerName().startsWith("dev.estore")) {
            ExtLogRecord ext = ExtLogRecord.wrap(record);
            // published on the thread that logs: its context is the context of the work being logged
            lines.add(new Line(record.getLoggerName(), ext.getFormattedMessage(), Map.copyOf(ext.getMdcCopy())));
        }
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
