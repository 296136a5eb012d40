package dev.estore.semantic.omni;

/** Omni refused a request, or could not be reached; the message names the request and Omni's answer. */
public class OmniException extends RuntimeException {

    private final boolean retryable;

    public OmniException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
