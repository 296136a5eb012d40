package dev.estore.runner.docs;

import dev.estore.runner.docs.Lineage.Edge;
import dev.estore.runner.docs.Lineage.Kind;
import dev.estore.runner.docs.Lineage.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The docs as one self-contained HTML page (no script, no network: it opens from a file): the lineage drawn as SVG,
 * each node a link to its section, then every model with its description, columns, tests, compiled SQL and last
 * run, every snapshot and every topic.
 */
final class DocsPage {

    static final int BOX_WIDTH = 180;
    static final int BOX_HEIGHT = 28;
    static final int COLUMN_GAP = 40;
    static final int ROW_GAP = 14;
    static final int MARGIN = 20;

    /** One documented resource: its section's title, subtitle and body (already HTML). */
    record Section(String id, String title, String subtitle, String bodyHtml) {
    }

    private DocsPage() {
    }

    static String render(String title, Lineage lineage, List<Section> sections) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:0;padding:16px;color:#222}")
                .append("main{max-width:1400px}")
                .append("h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}")
                .append(".lineage{overflow-x:auto;border:1px solid #ddd;border-radius:6px;background:#fafafa}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:3px 8px;")
                .append("text-align:left;vertical-align:top;font-size:.9em}pre{background:#f4f4f4;padding:8px;")
                .append("overflow-x:auto;font-size:.8em}.sub{color:#666;font-size:.9em}")
                .append("svg a text{font-size:12px}svg a:hover rect{stroke-width:2.5}")
                .append("</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n")
                .append("<p class=\"sub\">Sources, models, snapshots and semantic-layer topics; click a node for its "
                        + "section. Generated ").append(java.time.Instant.now()).append(".</p>\n")
                .append("<div class=\"lineage\">").append(svg(lineage)).append("</div>\n<main>\n");
        for (Section section : sections) {
            html.append("<h2 id=\"").append(escape(section.id())).append("\">").append(escape(section.title()))
                    .append("</h2>\n<p class=\"sub\">").append(escape(section.subtitle())).append("</p>\n")
                    .append(section.bodyHtml()).append('\n');
        }
        return html.append("</main></body></html>\n").toString();
    }

    static String svg(Lineage lineage) {
        Map<Integer, Integer> rowsInColumn = new HashMap<>();
        Map<String, int[]> position = new HashMap<>();
        for (Node node : lineage.nodes()) {
            int row = rowsInColumn.merge(node.column(), 1, Integer::sum) - 1;
            position.put(node.id(), new int[] {MARGIN + node.column() * (BOX_WIDTH + COLUMN_GAP),
                    MARGIN + row * (BOX_HEIGHT + ROW_GAP)});
        }
        int columns = rowsInColumn.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int rows = rowsInColumn.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        int width = 2 * MARGIN + columns * BOX_WIDTH + (columns - 1) * COLUMN_GAP;
        int height = 2 * MARGIN + rows * BOX_HEIGHT + (rows - 1) * ROW_GAP;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"lineage\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\" role=\"img\" aria-label=\"lineage graph\">\n");
        for (Edge edge : lineage.edges()) {
            int[] from = position.get(edge.from());
            int[] to = position.get(edge.to());
            if (from == null || to == null) {
                continue;
            }
            int x1 = from[0] + BOX_WIDTH;
            int y1 = from[1] + BOX_HEIGHT / 2;
            int x2 = to[0];
            int y2 = to[1] + BOX_HEIGHT / 2;
            int bend = Math.max(20, (x2 - x1) / 2);
            svg.append(String.format(Locale.ROOT, "<path class=\"edge\" d=\"M%d %d C%d %d %d %d %d %d\" fill=\"none\" "
                    + "stroke=\"#9aa\" stroke-width=\"1.2\"/>%n", x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2));
        }
        for (Node node : lineage.nodes()) {
            int[] at = position.get(node.id());
            svg.append("<a href=\"#").append(escape(node.id())).append("\"><g class=\"node ")
                    .append(node.kind().name().toLowerCase(Locale.ROOT)).append("\"><rect x=\"").append(at[0])
                    .append("\" y=\"").append(at[1]).append("\" width=\"").append(BOX_WIDTH).append("\" height=\"")
                    .append(BOX_HEIGHT).append("\" rx=\"5\" fill=\"").append(fill(node.kind()))
                    .append("\" stroke=\"#456\"/><text x=\"").append(at[0] + 8).append("\" y=\"")
                    .append(at[1] + BOX_HEIGHT / 2 + 4).append("\">").append(escape(label(node)))
                    .append("</text></g></a>\n");
        }
        return svg.append("</svg>").toString();
    }

    private static String label(Node node) {
        return switch (node.kind()) {
            case SOURCE -> "source " + node.name();
            case MODEL -> node.name();
            case SNAPSHOT -> "snapshot " + node.name();
            case TOPIC -> "topic " + node.name();
        };
    }

    private static String fill(Kind kind) {
        return switch (kind) {
            case SOURCE -> "#e8f0d8";
            case MODEL -> "#dbe8f7";
            case SNAPSHOT -> "#f7ecd9";
            case TOPIC -> "#eadcf3";
        };
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
