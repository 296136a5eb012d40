package dev.estore.deploy.checks.terraform;

/**
 * The code of a Terraform file with the literal text taken out: comments and the literal parts of strings become
 * spaces, so brackets, '=' and references can be found by position without being fooled by a description. The
 * expressions inside {@code ${...}} interpolations stay (their delimiters become spaces), because references
 * live there. The result has the same length and line breaks as the source, so offsets and line numbers agree.
 */
final class HclCode {

    private final String source;
    private final StringBuilder code;
    private final String file;
    private int pos;

    private HclCode(String file, String source) {
        this.file = file;
        this.source = source;
        this.code = new StringBuilder(source);
    }

    static String of(String file, String source) {
        HclCode scan = new HclCode(file, source);
        scan.scanCode(false);
        return scan.code.toString();
    }

    /** Scans code until the end, or until the '}' closing an interpolation when {@code inTemplate}. */
    private void scanCode(boolean inTemplate) {
        int depth = 0;
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '"') {
                pos++;
                scanString();
            } else if (c == '#' || (c == '/' && peek(1) == '/')) {
                blankUntilLineEnd();
            } else if (c == '/' && peek(1) == '*') {
                blankBlockComment();
            } else if (c == '<' && peek(1) == '<' && (peek(2) == '-' || Character.isLetter(peek(2)))) {
                throw new IllegalStateException(file + " line " + line(pos) + ": a heredoc string; the deploy checks "
                        + "read only quoted strings: write it as a quoted string or jsonencode(...)");
            } else if (c == '{') {
                depth++;
                pos++;
            } else if (c == '}') {
                if (inTemplate && depth == 0) {
                    code.setCharAt(pos, ' ');
                    pos++;
                    return;
                }
                depth--;
                pos++;
            } else {
                pos++;
            }
        }
        if (inTemplate) {
            throw new IllegalStateException(file + ": an interpolation ${ is never closed");
        }
    }

    /** After an opening quote: blanks literal characters, keeps interpolations, stops after the closing quote. */
    private void scanString() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '\\') {
                blank(pos);
                blank(pos + 1);
                pos += 2;
            } else if (c == '"') {
                pos++;
                return;
            } else if ((c == '$' || c == '%') && peek(1) == '{' && peek(-1) != c) {
                blank(pos);
                blank(pos + 1);
                pos += 2;
                scanCode(true);
            } else if (c == '\n') {
                throw new IllegalStateException(file + " line " + line(pos) + ": a string is not closed on its line");
            } else {
                blank(pos);
                pos++;
            }
        }
        throw new IllegalStateException(file + ": a string is never closed");
    }

    private void blankUntilLineEnd() {
        while (pos < source.length() && source.charAt(pos) != '\n') {
            blank(pos++);
        }
    }

    private void blankBlockComment() {
        int end = source.indexOf("*/", pos + 2);
        if (end < 0) {
            throw new IllegalStateException(file + " line " + line(pos) + ": a /* comment is never closed");
        }
        while (pos < end + 2) {
            if (source.charAt(pos) != '\n') {
                blank(pos);
            }
            pos++;
        }
    }

    private void blank(int at) {
        if (at < code.length() && code.charAt(at) != '\n') {
            code.setCharAt(at, ' ');
        }
    }

    private char peek(int offset) {
        int at = pos + offset;
        return at >= 0 && at < source.length() ? source.charAt(at) : '\0';
    }

    private int line(int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
