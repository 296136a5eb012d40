package dev.estore.cloudcheck;

/** What the check found of one resource, and what to do about it when it is not right. */
public record Finding(String resource, Status status, String detail, String fix) {

    public enum Status {
        /** As the deployment needs it. */
        OK,
        /** Absent. */
        MISSING,
        /** Present but set up otherwise than the services need. */
        WRONG,
        /** Could not be read (no permission, API disabled, unreachable): the detail says why. */
        UNREADABLE
    }

    static Finding ok(String resource, String detail) {
        return new Finding(resource, Status.OK, detail, "");
    }

    static Finding missing(String resource, String fix) {
        return new Finding(resource, Status.MISSING, "does not exist", fix);
    }

    static Finding wrong(String resource, String detail, String fix) {
        return new Finding(resource, Status.WRONG, detail, fix);
    }

    static Finding unreadable(String resource, RuntimeException cause, String fix) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new Finding(resource, Status.UNREADABLE, message.lines().findFirst().orElse(message), fix);
    }

    boolean isProblem() {
        return status != Status.OK;
    }
}
