package dev.estore.deploy.checks.terraform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structure of a Terraform file as far as the checks need it: blocks with their labels and attributes, and
 * attribute values that are literals (strings, numbers, booleans, lists, objects) read as values. Any other
 * expression (a reference, a function call, a conditional, a for expression, a string with interpolations) is kept
 * as its source text.
 */
public final class Hcl {

    private Hcl() {
    }

    public sealed interface Expr permits Literal, ListExpr, ObjectExpr, Raw {
    }

    /** A string, a number (as its text), a boolean or null. */
    public record Literal(Object value) implements Expr {
    }

    public record ListExpr(List<Expr> items) implements Expr {
    }

    public record ObjectExpr(Map<String, Expr> entries) implements Expr {
    }

    /** An expression the checks do not evaluate, as written. */
    public record Raw(String text) implements Expr {
    }

    public record Attribute(String name, Expr value, int line) {
    }

    public record Block(String type, List<String> labels, Body body, String file, int line) {

        public String label(int index) {
            return index < labels.size() ? labels.get(index) : "";
        }
    }

    public record Body(List<Attribute> attributes, List<Block> blocks) {

        public Optional<Expr> attribute(String name) {
            return attributes.stream().filter(a -> a.name().equals(name)).map(Attribute::value).findFirst();
        }

        public List<Block> blocks(String type) {
            return blocks.stream().filter(b -> b.type().equals(type)).toList();
        }
    }

    /** Reads a file's text; fails naming the file and line where the text is not HCL as the checks read it. */
    public static Body parse(String file, String source) {
        return new Reader(file, source, HclCode.of(file, source)).file();
    }

    private static final class Reader {

        private final String file;
        private final String src;
        private final String code;
        private int pos;
        private boolean interpolated;

        Reader(String file, String src, String code) {
            this.file = file;
            this.src = src;
            this.code = code;
        }

        Body file() {
            Body body = body(false);
            skipBlank();
            if (pos < src.length()) {
                throw error("unexpected '" + src.charAt(pos) + "'");
            }
            return body;
        }

        private Body body(boolean inBraces) {
            List<Attribute> attributes = new ArrayList<>();
            List<Block> blocks = new ArrayList<>();
            while (true) {
                skipBlank();
                if (pos >= src.length() || (inBraces && src.charAt(pos) == '}')) {
                    return new Body(attributes, blocks);
                }
                int line = lineAt(pos);
                String name = identifier();
                skipSpaces();
                if (at('=') && !at("==")) {
                    pos++;
                    attributes.add(new Attribute(name, expression(), line));
                } else {
                    List<String> labels = new ArrayList<>();
                    while (!at('{')) {
                        if (at('"')) {
                            labels.add(stringLiteral());
                        } else {
                            labels.add(identifier());
                        }
                        skipSpaces();
                    }
                    pos++;
                    Body inner = body(true);
                    expect('}');
                    blocks.add(new Block(name, List.copyOf(labels), inner, file, line));
                }
            }
        }

        /** A value: a literal read as a value when the whole expression is one, else its text. */
        private Expr expression() {
            skipSpaces();
            int start = pos;
            try {
                Expr literal = literal();
                skipSpaces();
                if (literal != null && atExpressionEnd()) {
                    return literal;
                }
            } catch (IllegalStateException notALiteral) {
                // fall through: read it as text
            }
            pos = start;
            return raw();
        }

        private Expr literal() {
            if (at('"')) {
                String value = stringLiteral();
                return interpolated ? null : new Literal(value);
            }
            if (at('[')) {
                pos++;
                List<Expr> items = new ArrayList<>();
                skipBlank();
                if (at("for ")) {
                    return null;
                }
                while (!at(']')) {
                    items.add(expression());
                    skipBlank();
                    if (at(',')) {
                        pos++;
                        skipBlank();
                    }
                }
                pos++;
                return new ListExpr(List.copyOf(items));
            }
            if (at('{')) {
                pos++;
                Map<String, Expr> entries = new LinkedHashMap<>();
                skipBlank();
                if (at("for ")) {
                    return null;
                }
                while (!at('}')) {
                    String key = at('"') ? stringLiteral() : identifier();
                    skipSpaces();
                    if (!at('=') && !at(':')) {
                        throw error("expected '=' after the key " + key);
                    }
                    pos++;
                    entries.put(key, expression());
                    skipBlank();
                    if (at(',')) {
                        pos++;
                        skipBlank();
                    }
                }
                pos++;
                return new ObjectExpr(entries);
            }
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                    || src.charAt(pos) == '_' || src.charAt(pos) == '-')) {
                pos++;
            }
            String word = src.substring(start, pos);
            if (word.equals("true") || word.equals("false")) {
                return new Literal(Boolean.valueOf(word));
            }
            if (word.equals("null")) {
                return new Literal(null);
            }
            if (word.matches("-?[0-9]+(\\.[0-9]+)?")) {
                return new Literal(word);
            }
            return null;
        }

        /** Text up to the end of the expression: a line end, ',' or a closing bracket outside brackets. */
        private Raw raw() {
            int start = pos;
            int depth = 0;
            while (pos < code.length()) {
                char c = code.charAt(pos);
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (depth == 0 && (c == '\n' || c == ',')) {
                    break;
                }
                pos++;
            }
            if (depth != 0) {
                throw error("a bracket opened in this expression is never closed");
            }
            // The code view has comments blanked: a trailing comment is not part of the expression.
            String text = src.substring(start, start + code.substring(start, pos).stripTrailing().length()).strip();
            if (text.isEmpty()) {
                throw error("an attribute without a value");
            }
            return new Raw(text);
        }

        private boolean atExpressionEnd() {
            return pos >= code.length() || "\n,)]}".indexOf(code.charAt(pos)) >= 0;
        }

        /** Reads a quoted string; {@link #interpolated} tells whether it held ${...} or %{...}. */
        private String stringLiteral() {
            expect('"');
            boolean hadTemplate = false;
            StringBuilder value = new StringBuilder();
            while (!at('"')) {
                if (pos >= src.length() || src.charAt(pos) == '\n') {
                    throw error("a string is not closed on its line");
                }
                char c = src.charAt(pos++);
                if ((c == '$' || c == '%') && at('{') && !(pos >= 2 && src.charAt(pos - 2) == c)) {
                    skipTemplate();
                    hadTemplate = true;
                } else if (c == '\\') {
                    char escaped = src.charAt(pos++);
                    value.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> escaped;
                    });
                } else {
                    value.append(c);
                }
            }
            pos++;
            interpolated = hadTemplate;
            return value.toString();
        }

        /** At the '{' of an interpolation: skips to after its closing '}', over nested strings and braces. */
        private void skipTemplate() {
            pos++;
            int depth = 1;
            while (depth > 0) {
                if (pos >= src.length()) {
                    throw error("an interpolation is never closed");
                }
                if (at('"')) {
                    stringLiteral();
                    continue;
                }
                char c = src.charAt(pos++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
        }

        private String identifier() {
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                    || src.charAt(pos) == '-')) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a name, found '" + (pos < src.length() ? src.charAt(pos) : "end of file") + "'");
            }
            return src.substring(start, pos);
        }

        /** Skips spaces, line ends and comments (blank in the code view; called only between tokens). */
        private void skipBlank() {
            while (pos < code.length() && Character.isWhitespace(code.charAt(pos))) {
                pos++;
            }
        }

        private void skipSpaces() {
            while (pos < code.length() && (code.charAt(pos) == ' ' || code.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private boolean at(char c) {
            return pos < src.length() && src.charAt(pos) == c;
        }

        private boolean at(String s) {
            return src.startsWith(s, pos);
        }

        private void expect(char c) {
            if (!at(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private int lineAt(int at) {
            int line = 1;
            for (int i = 0; i < at && i < src.length(); i++) {
                if (src.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        private IllegalStateException error(String what) {
            return new IllegalStateException(file + " line " + lineAt(pos) + ": " + what
                    + " (the deploy checks read blocks, attributes and literal values; see deploy/checks)");
        }
    }
}
