package dev.estore.transform.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's one conditional: {@code {% if is_incremental() %} A {% else %} B {% endif %}} keeps A in an incremental
 * build and B (or nothing) in a full one. Blocks do not nest. Removed text is replaced by its line breaks, so
 * errors found later still name the right line of the model file.
 */
final class IncrementalBlocks {

    private static final Pattern TAG = Pattern.compile("\\{%-?\\s*(.*?)\\s*-?%}", Pattern.DOTALL);
    private static final Pattern IF = Pattern.compile("if\\s+is_incremental\\(\\s*\\)");

    private final String file;
    private final String text;

    IncrementalBlocks(String file, String text) {
        this.file = file;
        this.text = text;
    }

    String keep(boolean incremental) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher tag = TAG.matcher(text);
        int position = 0;
        String open = null;
        boolean keeping = true;
        while (tag.find()) {
            String body = tag.group(1).trim();
            append(out, text.substring(position, tag.start()), keeping);
            append(out, tag.group(), false);
            position = tag.end();
            if (IF.matcher(body).matches()) {
                if (open != null) {
                    throw error(tag.start(), "{% if is_incremental() %} blocks do not nest");
                }
                open = "if";
                keeping = incremental;
            } else if (body.equals("else")) {
                if (!"if".equals(open)) {
                    throw error(tag.start(), "{% else %} without {% if is_incremental() %}");
                }
                open = "else";
                keeping = !incremental;
            } else if (body.equals("endif")) {
                if (open == null) {
                    throw error(tag.start(), "{% endif %} without {% if is_incremental() %}");
                }
                open = null;
                keeping = true;
            } else {
                throw error(tag.start(), "unknown tag '{% " + body + " %}'; the only block is "
                        + "{% if is_incremental() %} ... {% else %} ... {% endif %}");
            }
        }
        if (open != null) {
            throw error(text.length(), "{% if is_incremental() %} is never closed with {% endif %}");
        }
        append(out, text.substring(position), keeping);
        return out.toString();
    }

    private static void append(StringBuilder out, String part, boolean keep) {
        if (keep) {
            out.append(part);
        } else {
            part.chars().filter(c -> c == '\n').forEach(c -> out.append('\n'));
        }
    }

    private TemplateException error(int offset, String problem) {
        long line = 1 + text.substring(0, Math.min(offset, text.length())).chars().filter(c -> c == '\n').count();
        return new TemplateException(file + ":" + line + ": " + problem);
    }
}
