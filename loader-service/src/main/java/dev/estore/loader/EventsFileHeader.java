package dev.estore.loader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The one header a REES46 events file may have, and what is wrong with any other. */
public final class EventsFileHeader {

    public static final List<String> COLUMNS = List.of("event_time", "event_type", "product_id", "category_id",
            "category_code", "brand", "price", "user_id", "user_session");
    public static final String EXPECTED = String.join(",", COLUMNS);

    private EventsFileHeader() {
    }

    /**
     * Empty when the first line is exactly the expected header (a UTF-8 byte-order mark and a trailing CR are
     * tolerated); otherwise a reason that names the missing, unexpected or misplaced columns and the fix.
     */
    public static Optional<String> problemWith(String firstLine) {
        String line = firstLine;
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.equals(EXPECTED)) {
            return Optional.empty();
        }
        return Optional.of(describe(line) + "; expected exactly '" + EXPECTED
                + "'. Fix the first line of the file and upload it again.");
    }

    private static String describe(String line) {
        if (line.isBlank()) {
            return "the first line is empty, not the header";
        }
        List<String> found = Arrays.stream(line.split(",", -1)).map(String::trim).toList();
        Set<String> missing = new LinkedHashSet<>(COLUMNS);
        found.forEach(missing::remove);
        Set<String> unexpected = new LinkedHashSet<>(found);
        COLUMNS.forEach(unexpected::remove);
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing columns " + missing);
        }
        if (!unexpected.isEmpty()) {
            parts.add("unexpected columns " + unexpected.stream().limit(COLUMNS.size()).map(EventsFileHeader::shown)
                    .toList() + (unexpected.size() > COLUMNS.size() ? " and " + (unexpected.size() - COLUMNS.size())
                    + " more" : ""));
        }
        if (parts.isEmpty()) {
            parts.add(found.size() != COLUMNS.size() ? "duplicated columns in header '" + shown(line) + "'"
                    : !String.join(",", found).equals(EXPECTED) ? "columns in the wrong order: '" + shown(line) + "'"
                    : "the header has extra spaces or quotes: '" + shown(line) + "'");
        }
        return "header does not match the REES46 events layout: " + String.join(", ", parts);
    }

    /** The first line is the file's offending line, but a reason quotes only what names the problem. */
    private static String shown(String text) {
        int limit = EXPECTED.length() + 20;
        return text.length() <= limit ? text : text.substring(0, limit) + "...(" + text.length() + " characters)";
    }
}
