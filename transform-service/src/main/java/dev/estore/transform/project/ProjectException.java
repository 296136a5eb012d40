package dev.estore.transform.project;

/** The model project is inconsistent (bad metadata, missing reference, cycle); raised at startup. */
public class ProjectException extends RuntimeException {

    public ProjectException(String message) {
        super(message);
    }

    public ProjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
