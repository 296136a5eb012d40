package dev.estore.runner.pipeline;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.estore.semantic.findings.FindingsText;
import dev.estore.shared.contracts.MessageCodec;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunRecord;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Prints a run summary for people (aligned text) or for programs (JSON). */
public final class SummaryPrinter {

    private SummaryPrinter() {
    }

    public static void printJson(RunSummary summary, PrintStream out) throws java.io.IOException {
        out.println(MessageCodec.json().copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(summary));
    }

    public static void printText(RunSummary summary, PrintStream out) {
        out.println();
        out.printf("estore pipeline: %s in %.1f s (loads %.1f s, build %.1f s) -- %,d files, %,d rows loaded, "
                + "%,d rows rejected%n", summary.succeeded() ? "SUCCESS" : "FAILED",
                summary.elapsed().toMillis() / 1000.0, summary.loadStage().toMillis() / 1000.0,
                summary.buildStage().toMillis() / 1000.0, summary.files().size(), summary.rowsLoaded(),
                summary.rowsRejected());
        out.println();
        out.println("Files");
        for (RunSummary.FileOutcome file : summary.files()) {
            var load = file.load();
            String status = load == null ? "NOT LOADED" : load.status().name();
            String detail = load == null ? (file.unrecordedFailure() != null ? file.unrecordedFailure()
                    : "no ledger entry: the loader never recorded it (see the log)")
                    : switch (load.status()) {
                        case LOADED -> String.format("%,12d rows %,8d rejected  %s", load.rowsLoaded(),
                                load.rowsRejected(), load.loadId());
                        default -> load.reason();
                    };
            out.printf("  %-44s %-11s %s%n", file.bucket() + "/" + file.object(), status, detail);
        }
        out.println();
        printBuild(summary.lastBuild(), out);
        out.println();
        out.println("Tables (" + summary.warehouse() + ")");
        for (RunSummary.TableCount table : summary.tables()) {
            if (table.rows() == null) {
                out.printf("  %-36s %-6s %19s%n", table.relation(), table.type(), "(computed when read)");
            } else {
                out.printf("  %-36s %-6s %,14d rows%n", table.relation(), table.type(), table.rows());
            }
        }
        out.println();
        if (summary.findings() != null) {
            FindingsText.print(summary.findings(), out);
        } else {
            out.println("Findings: none (" + summary.findingsError() + ")");
        }
        if (!summary.failures().isEmpty() || !summary.deadLetters().isEmpty() || summary.timedOut()) {
            out.println();
            out.println("Problems");
            summary.failures().forEach(failure -> out.println("  " + failure));
            summary.deadLetters().forEach(letter -> out.println("  dead letter on " + letter.subscription() + " after "
                    + letter.attempts() + " attempt(s): " + letter.reason()));
            if (summary.timedOut()) {
                out.println("  the pipeline did not finish before the timeout (--timeout)");
            }
        }
        out.println();
    }

    private static void printBuild(RunRecord build, PrintStream out) {
        if (build == null) {
            out.println("Build: none in this run (nothing new was loaded)");
            return;
        }
        out.printf("Build %s: %s, %d test(s) passed%s%n", build.runId(), build.status(), build.testsPassed(),
                build.error() == null ? "" : " -- " + build.error());
        for (ModelRun model : build.models()) {
            out.printf("  %-36s %-8s %-12s %14s rows %8d ms  %s%n", model.relation(), model.status(),
                    model.materialization(), model.rows() < 0 ? "-" : String.format("%,d", model.rows()),
                    model.millis(),
                    model.mode() == null ? nullToEmpty(model.error()) : model.mode());
            for (Map.Entry<String, List<Map<String, Object>>> report : model.reports().entrySet()) {
                out.printf("    %s:%s%n", report.getKey(), report.getValue().isEmpty() ? " none" : "");
                report.getValue().forEach(row -> out.println("      " + row.values()));
            }
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
