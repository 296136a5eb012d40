package dev.estore.deploy.checks.terraform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout {@code terraform fmt} gives a file, checked without the binary: two spaces per open bracket level
 * (a line opening several brackets adds one level, as hclwrite does), and the '=' of consecutive one-line
 * attributes aligned one space after the longest name. Also: no tabs, no trailing spaces, one final line end.
 */
public final class TerraformFormat {

    private static final Pattern ATTRIBUTE = Pattern.compile("^( *)([A-Za-z_][\\w-]*|\"(?:[^\"\\\\]|\\\\.)*\")( *)=(?![=>])( *)");

    private TerraformFormat() {
    }

    /** What differs from the canonical layout, one message per line at fault; empty when canonical. */
    public static List<String> problems(String file, String source) {
        List<String> problems = new ArrayList<>();
        if (!source.isEmpty() && !source.endsWith("\n")) {
            problems.add(file + ": the file must end with a line end");
        }
        String[] lines = source.split("\n", -1);
        String[] codeLines = HclCode.of(file, source).split("\n", -1);
        checkIndentation(file, lines, codeLines, problems);
        checkAlignment(file, lines, codeLines, problems);
        return problems;
    }

    private static void checkIndentation(String file, String[] lines, String[] codeLines, List<String> problems) {
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.contains("\t")) {
                problems.add(file + " line " + (i + 1) + ": a tab; indent with spaces");
            }
            if (line.endsWith(" ") || line.endsWith("\r")) {
                problems.add(file + " line " + (i + 1) + ": trailing spaces or a CR");
            }
            if (line.isBlank()) {
                continue;
            }
            int net = netBrackets(codeLines[i]);
            int expected;
            if (net > 0) {
                expected = 2 * open.size();
                open.push(net);
            } else if (startsWithCloser(codeLines[i])) {
                int closed = -net;
                while (closed > 0 && !open.isEmpty()) {
                    int top = open.pop();
                    if (closed < top) {
                        open.push(top - closed);
                        closed = 0;
                    } else {
                        closed -= top;
                    }
                }
                expected = 2 * open.size();
            } else {
                expected = 2 * open.size();
            }
            int actual = line.length() - line.stripLeading().length();
            if (actual != expected) {
                problems.add(file + " line " + (i + 1) + ": indented by " + actual + " spaces, terraform fmt indents it by "
                        + expected + ": " + line.strip());
            }
        }
    }

    private static void checkAlignment(String file, String[] lines, String[] codeLines, List<String> problems) {
        List<Integer> chain = new ArrayList<>();
        for (int i = 0; i <= lines.length; i++) {
            boolean member = i < lines.length && isOneLineAttribute(lines[i], codeLines[i]);
            if (member) {
                chain.add(i);
            } else {
                checkChain(file, lines, chain, problems);
                chain.clear();
            }
        }
    }

    private static void checkChain(String file, String[] lines, List<Integer> chain, List<String> problems) {
        int longest = 0;
        for (int i : chain) {
            Matcher m = attribute(lines[i]);
            longest = Math.max(longest, m.end(2));
        }
        for (int i : chain) {
            Matcher m = attribute(lines[i]);
            int equalsAt = m.end(3);
            if (equalsAt != longest + 1 || m.group(4).length() != 1) {
                problems.add(file + " line " + (i + 1) + ": '=' at column " + (equalsAt + 1) + ", terraform fmt aligns it at "
                        + (longest + 2) + " with one space after it: " + lines[i].strip());
            }
        }
    }

    private static boolean isOneLineAttribute(String line, String codeLine) {
        return attribute(line) != null && netBrackets(codeLine) == 0 && !startsWithCloser(codeLine);
    }

    /** The name, the spaces and the '=' at the start of an attribute line; null for any other line. */
    private static Matcher attribute(String line) {
        Matcher m = ATTRIBUTE.matcher(line);
        return m.find() ? m : null;
    }

    private static int netBrackets(String code) {
        int net = 0;
        for (char c : code.toCharArray()) {
            if (c == '{' || c == '[' || c == '(') {
                net++;
            } else if (c == '}' || c == ']' || c == ')') {
                net--;
            }
        }
        return net;
    }

    private static boolean startsWithCloser(String code) {
        String stripped = code.strip();
        return !stripped.isEmpty() && "}])".indexOf(stripped.charAt(0)) >= 0;
    }
}
