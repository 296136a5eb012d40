package dev.estore.semantic.model;

/** A semantic model file that cannot be read as written; the message names the file, the field and the fix. */
public class SemanticModelException extends RuntimeException {

    public SemanticModelException(String message) {
        super(message);
    }

    public SemanticModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
