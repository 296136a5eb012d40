package dev.estore.semantic.query;

/** A query the semantic layer refuses: unknown fields, bad operators or values. The API answers 400. */
public class QueryException extends RuntimeException {

    public QueryException(String message) {
        super(message);
    }
}
