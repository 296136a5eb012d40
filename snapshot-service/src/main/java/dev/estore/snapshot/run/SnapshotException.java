package dev.estore.snapshot.run;

/** A snapshot cannot run as defined against the warehouse as it is (missing table or column, duplicate keys). */
public class SnapshotException extends RuntimeException {

    public SnapshotException(String message) {
        super(message);
    }
}
