package dev.estore.transform.cli;

import dev.estore.shared.contracts.MessageCodec;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.quality.TestResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** dbt's test: the selected models' data tests on their published tables; builds nothing. */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the data tests of the selected models on their published tables, every row, and their "
                + "unit tests (unit_tests in the YAML, on stand-in tables); nothing is built. Exit code 0 when every test passes, 1 when one fails (with its failing rows), 2 on bad "
                + "usage.", "", "Examples:", "  ./estore test", "  ./estore test --select tag:customers",
                "  ./estore test --select state:modified+ --state prod-target/"})
public class TestCommand implements Callable<Integer> {

    @Mixin
    SelectionOptions selection;

    @Option(names = "--warehouse", description = "Embedded only: the DuckDB file to test (default: "
            + "estore.warehouse.duckdb.path). On BigQuery the datasets come from the estore.bigquery settings.")
    Path warehouse;

    @Option(names = "--json", description = "Print the results as JSON, keyed by model.")
    boolean json;

    private final CommandTarget app;
    private final BuildRunner models;

    public TestCommand(CommandTarget app, BuildRunner models) {
        this.app = app;
        this.models = models;
    }

    @Override
    public Integer call() throws Exception {
        List<String> chosen = selection.resolveOrExplain(models, app, warehouse);
        if (chosen == null) {
            return 2;
        }
        Map<String, List<TestResult>> results = new java.util.LinkedHashMap<>(models.test(chosen));
        models.unitTests(chosen).forEach(result -> results.computeIfAbsent(result.model(),
                model -> new java.util.ArrayList<>()).add(result));
        long failed = results.values().stream().flatMap(List::stream).filter(result -> !result.passed()).count();
        long total = results.values().stream().mapToLong(List::size).sum();
        if (json) {
            System.out.println(MessageCodec.json().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        } else {
            results.forEach((model, tests) -> tests.forEach(result -> System.out.println(result.passed()
                    ? "PASS  " + result.test()
                    : "FAIL  " + result.test() + ": " + result.failingRows() + " failing row(s), e.g. "
                            + result.sampleRows())));
            System.out.printf("%d test(s) on %d model(s): %d passed, %d failed%n", total, results.size(),
                    total - failed, failed);
        }
        return failed == 0 ? 0 : 1;
    }
}
