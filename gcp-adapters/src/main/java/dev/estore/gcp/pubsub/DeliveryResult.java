package dev.estore.gcp.pubsub;

/** What became of one delivery: Pub/Sub is told ack or nack; the reason goes to the log and the push response. */
public record DeliveryResult(Kind kind, String reason) {

    public enum Kind {
        /** The handler returned (or the message needs nothing): acknowledge. */
        ACK,
        /** The handler failed: nack, Pub/Sub redelivers with the subscription's backoff. */
        RETRY,
        /**
         * The message can never be handled. Pub/Sub has no "dead-letter now": it is nacked, and the subscription's
         * dead-letter policy moves it to the dead-letter topic after its maximum delivery attempts (5 at least).
         * The handler is not run again for it: each redelivery fails at reading.
         */
        UNREADABLE
    }

    static DeliveryResult ack() {
        return new DeliveryResult(Kind.ACK, "acknowledged");
    }
}
