package dev.estore.generator;

import java.io.IOException;

/**
 * Told of each monthly file as soon as it is complete, before any event of the next month is written: a caller can
 * consume the months one at a time (load, build, delete) while the generator waits, so only one month is on disk.
 */
@FunctionalInterface
public interface MonthListener {

    MonthListener NONE = file -> { };

    /** An exception stops the generation; the file is left as it is for the listener to keep or delete. */
    void finished(GeneratedFile file) throws IOException;
}
