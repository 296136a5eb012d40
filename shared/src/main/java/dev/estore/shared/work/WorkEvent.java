package dev.estore.shared.work;

/**
 * A service announcing that a unit of its work (a queued build, a snapshot run, a semantic sync) started or ended,
 * as a synchronous CDI event. Whoever hosts the service may observe it: the embedded runner counts open work to
 * know when the pipeline has settled; a cloud app has no observer and the event costs nothing. Every STARTED is
 * followed by one ENDED with the same id, and work that leads to more work starts the new piece before it ends.
 */
public record WorkEvent(Phase phase, String service, String id) {

    public enum Phase { STARTED, ENDED }

    public static WorkEvent started(String service, String id) {
        return new WorkEvent(Phase.STARTED, service, id);
    }

    public static WorkEvent ended(String service, String id) {
        return new WorkEvent(Phase.ENDED, service, id);
    }
}
