package dev.estore.snapshot.definition;

/** A snapshot definition file is unreadable or inconsistent; the message names the file. Raised at startup. */
public class DefinitionException extends RuntimeException {

    public DefinitionException(String message) {
        super(message);
    }

    public DefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
