package dev.estore.shared.contracts;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Object names are keys: of the load ledger, of the per-object lock, of the quarantine filter. One object must have
 * one spelling, so a name that a file system or a path library would read as another name ({@code ./b.csv},
 * {@code x/../b.csv}, {@code .//b.csv}, {@code b.csv/}) is refused rather than rewritten: a rewrite would still let
 * two spellings reach the ledger through a caller that did not rewrite.
 */
public final class ObjectNames {

    /** GCS's own limit on an object name, in UTF-8 bytes. */
    public static final int MAX_BYTES = 1024;

    private ObjectNames() {
    }

    /** Why a name is not the one canonical spelling of an object, with the fix; empty when it is. */
    public static Optional<String> problemWith(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the object name is empty; give the file's path relative to the bucket, "
                    + "like 2019-Oct.csv");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("the object name is longer than " + MAX_BYTES + " bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("the object name contains a control character (code " + (int) c + ") at "
                        + "position " + i + "; rename the file");
            }
        }
        if (name.startsWith("/")) {
            return Optional.of("'" + name + "' starts with '/'; object names are relative to the bucket: use '"
                    + name.replaceFirst("^/+", "") + "'");
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty()) {
                return Optional.of("'" + name + "' has an empty path segment ('//' or a trailing '/'); "
                        + "name the file by its one path, like 'folder/file.csv'");
            }
            if (part.equals(".") || part.equals("..")) {
                return Optional.of("'" + name + "' has a '" + part + "' segment; name the file by its one path "
                        + "without '.' or '..', like 'folder/file.csv'");
            }
        }
        return Optional.empty();
    }

    /** Returns the name when canonical; otherwise throws IllegalArgumentException with the reason. */
    public static String requireCanonical(String name) {
        problemWith(name).ifPresent(problem -> {
            throw new IllegalArgumentException("Object name refused: " + problem);
        });
        return name;
    }
}
