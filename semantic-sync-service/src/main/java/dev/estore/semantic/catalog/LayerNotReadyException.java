package dev.estore.semantic.catalog;

/** No catalog matches the warehouse yet: the models are not built, or a reference is broken. */
public class LayerNotReadyException extends RuntimeException {

    public LayerNotReadyException(String message) {
        super(message);
    }
}
