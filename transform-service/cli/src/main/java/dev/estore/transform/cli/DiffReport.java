package dev.estore.transform.cli;

import dev.estore.shared.contracts.MessageCodec;
import dev.estore.transform.diff.TableDiff;
import dev.estore.transform.project.DataTestSpec;
import dev.estore.transform.project.ModelDefinition;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** How both diff commands (two DuckDB files; a target against production on any warehouse) key and print. */
public final class DiffReport {

    private DiffReport() {
    }

    /** The model's unique_key, else its column with a unique test; empty when it has neither. */
    public static List<String> keyOf(ModelDefinition model) {
        if (!model.uniqueKey().isEmpty()) {
            return model.uniqueKey();
        }
        return model.columns().stream().filter(column -> column.tests().stream()
                .anyMatch(test -> test.kind() == DataTestSpec.Kind.UNIQUE)).map(column -> column.name())
                .limit(1).toList();
    }

    public static void print(TableDiff.Report report, String relation, String left, String right, boolean json)
            throws IOException {
        if (json) {
            System.out.println(MessageCodec.json().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return;
        }
        System.out.printf(Locale.ROOT, "diff %s on %s: %s (left) against %s (right)%n", relation, report.key(), left,
                right);
        System.out.printf(Locale.ROOT, "rows: %,d left, %,d right%n", report.leftRows(), report.rightRows());
        System.out.printf(Locale.ROOT, "keys only in left: %,d%s%n", report.onlyLeft(),
                report.onlyLeft() == 0 ? "" : ", e.g. " + report.onlyLeftSamples());
        System.out.printf(Locale.ROOT, "keys only in right: %,d%s%n", report.onlyRight(),
                report.onlyRight() == 0 ? "" : ", e.g. " + report.onlyRightSamples());
        System.out.printf(Locale.ROOT, "keys in both: %,d%n", report.matchedKeys());
        report.columns().stream().filter(column -> column.rows() > 0).forEach(column -> System.out.printf(Locale.ROOT,
                "  %-28s %,d row(s) differ, e.g. %s%n", column.column(), column.rows(), column.sampleKeys()));
        System.out.println(report.same() ? "The tables are the same." : "The tables differ.");
    }
}
