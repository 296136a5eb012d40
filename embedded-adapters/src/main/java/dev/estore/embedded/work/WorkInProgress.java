package dev.estore.embedded.work;

import dev.estore.shared.work.WorkEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Counts the pipeline's unfinished work in this process: messages the in-process bus has not seen acknowledged, and
 * the services' builds and runs not yet finished (observed as their {@link WorkEvent}s; the services know nothing of
 * this count). Whoever starts work that leads to more work begins the new piece before ending its own, so the count
 * only reaches zero when every chain of reactions is done. The embedded runner waits on it.
 */
@ApplicationScoped
public class WorkInProgress {

    private final Object monitor = new Object();
    private long open;

    /** A service's work started or ended. */
    void on(@Observes WorkEvent event) {
        if (event.phase() == WorkEvent.Phase.STARTED) {
            begin();
        } else {
            end();
        }
    }

    public void begin() {
        synchronized (monitor) {
            open++;
        }
    }

    public void end() {
        synchronized (monitor) {
            if (open == 0) {
                throw new IllegalStateException("end() without begin()");
            }
            open--;
            if (open == 0) {
                monitor.notifyAll();
            }
        }
    }

    public long open() {
        synchronized (monitor) {
            return open;
        }
    }

    /** Waits until nothing is open; false when the timeout passes first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (open > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                monitor.wait(Math.max(1, remaining / 1_000_000));
            }
            return true;
        }
    }
}
