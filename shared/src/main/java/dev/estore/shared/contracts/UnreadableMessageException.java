package dev.estore.shared.contracts;

/**
 * A message that can never be processed (bad JSON, wrong type, unsupported schema version). Buses do not retry
 * it: it goes straight to the dead letters, counted and logged.
 */
public class UnreadableMessageException extends RuntimeException {

    public UnreadableMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnreadableMessageException(String message) {
        super(message);
    }
}
