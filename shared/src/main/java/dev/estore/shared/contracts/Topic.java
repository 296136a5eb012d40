package dev.estore.shared.contracts;

/**
 * A bus topic and the one message type it carries. {@code schemaVersion} is the major version of that
 * message's JSON: readers accept any message of their major version and ignore fields they do not know.
 */
public record Topic<T>(String name, Class<T> type, int schemaVersion) {

    public String messageType() {
        return type.getSimpleName();
    }
}
