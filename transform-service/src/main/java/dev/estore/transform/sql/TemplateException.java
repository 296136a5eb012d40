package dev.estore.transform.sql;

/** A model file whose template cannot be rendered; the message names the file, the line and the fix. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
