package dev.estore.transform.cli;

import dev.estore.shared.contracts.MessageCodec;
import dev.estore.transform.build.BuildRequest;
import dev.estore.transform.build.BuildRunner;
import dev.estore.transform.build.ModelRun;
import dev.estore.transform.build.RunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** dbt's build: the selected models in dependency order, each tested before it is published, with live progress. */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build and test the selected models in dependency order (each model's data tests run before "
                + "it is published; a failure keeps the previous table and skips what depends on it), then let "
                + "the snapshots and the semantic layer follow. Only the days that changed are rebuilt unless "
                + "--full-refresh. Exit code 0 when every selected model built, 1 when one failed, 2 on bad usage.",
                "", "Examples:",
                "  ./estore build                                    every model",
                "  ./estore build --select +fct_sessions             fct_sessions and what it needs",
                "  ./estore build --select dim_users+ --full-refresh dim_users and its children, from scratch",
                "  ./estore build --select path:marts --exclude tag:customers",
                "  ./estore build --select fct_sessions --target dev   into marts_dev, reading production upstream",
                "  ./estore build --select fct_events+ --start 2019-10-01 --end 2019-10-07   a backfill of that week"})
public class BuildCommand implements Callable<Integer> {

    @Mixin
    SelectionOptions selection;

    @Option(names = "--full-refresh", description = "Rebuild the selected models from scratch (dbt's --full-refresh).")
    boolean fullRefresh;

    @Option(names = "--warehouse", description = "Embedded only: the DuckDB file to use (default: "
            + "estore.warehouse.duckdb.path, data/warehouse.duckdb). On BigQuery the datasets come from the "
            + "estore.bigquery settings.")
    Path warehouse;

    @Option(names = "--start", description = "With --end: a backfill, the selected models rebuild the event days "
            + "from --start to --end (yyyy-mm-dd), whether or not a file changed them.")
    java.time.LocalDate start;

    @Option(names = "--end", description = "The last day of the backfill (yyyy-mm-dd).")
    java.time.LocalDate end;

    @Option(names = {"-t", "--target"}, defaultValue = "prod", description = "prod (default): the pipeline's own "
            + "tables. Any other name (dev): the selected models are built into <schema>_<target> (marts_dev), "
            + "reading production's tables for the models not selected (dbt's defer), with their own bookkeeping; "
            + "nothing downstream follows and production is not touched.")
    String target;

    @Option(names = "--json", description = "Print the run record as JSON instead of the summary.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "Give up waiting after this long (ISO-8601, "
            + "default ${DEFAULT-VALUE}).")
    Duration timeout;

    private final CommandTarget app;
    private final BuildRunner models;

    public BuildCommand(CommandTarget app, BuildRunner models) {
        this.app = app;
        this.models = models;
    }

    @Override
    public Integer call() throws Exception {
        List<String> chosen = selection.resolveOrExplain(models, app, warehouse);
        if (chosen == null) {
            return 2;
        }
        if (chosen.isEmpty()) {
            System.out.println("Nothing to do: the selection matches no model.");
            return 0;
        }
        if (!target.matches("[a-z][a-z0-9_]*")) {
            System.err.println("--target is a lower-case name (prod, dev, ci_42); got '" + target + "'");
            return 2;
        }
        if ((start == null) != (end == null)) {
            System.err.println("A backfill needs both --start and --end (yyyy-mm-dd)");
            return 2;
        }
        BuildRunner runner = target.equals("prod") ? models : models.forTarget(target, chosen);
        if (start != null) {
            try {
                runner.backfill(chosen, start, end);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
        System.out.printf("Building %d model(s)%s%s: %s%n", chosen.size(), fullRefresh ? " with full refresh" : "",
                start == null ? "" : ", backfilling " + start + ".." + end, String.join(", ", chosen));
        AtomicInteger done = new AtomicInteger();
        java.util.function.Consumer<ModelRun> progress = model -> System.out.println(progressLine(
                done.incrementAndGet(), chosen.size(), model));
        RunRecord run;
        if (target.equals("prod")) {
            try {
                run = app.build(new BuildRequest(chosen, fullRefresh, List.of("cli:build")), timeout, progress);
            } catch (IllegalArgumentException refused) {
                System.err.println(refused.getMessage());
                return 2;
            }
        } else {
            run = runner.run(target + "-" + java.time.Instant.now().toEpochMilli(),
                    new BuildRequest(chosen, fullRefresh, List.of("cli:build --target " + target)), progress);
        }
        if (run == null) {
            System.err.println("The build did not finish within " + timeout + "; see GET /runs in ./estore serve");
            return 1;
        }
        if (json) {
            System.out.println(MessageCodec.json().writerWithDefaultPrettyPrinter().writeValueAsString(run));
        } else {
            long built = run.models().stream().filter(m -> m.status() == ModelRun.Status.BUILT).count();
            System.out.printf("%s %s in %.1f s: %d built, %d failed, %d skipped; %d data test(s) passed%s%n",
                    run.runId(), run.status(), Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0,
                    built, count(run, ModelRun.Status.FAILED), count(run, ModelRun.Status.SKIPPED), run.testsPassed(),
                    run.error() == null ? "" : "\n" + run.error());
        }
        return run.status() == RunRecord.Status.SUCCESS ? 0 : 1;
    }

    private static long count(RunRecord run, ModelRun.Status status) {
        return run.models().stream().filter(model -> model.status() == status).count();
    }

    /** {@code 3/9 OK marts.fct_sessions (incremental, delete+insert ...) 1,939,862 rows 14.8 s}, as dbt prints it. */
    static String progressLine(int index, int total, ModelRun model) {
        String status = switch (model.status()) {
            case BUILT -> "OK";
            case FAILED -> "ERROR";
            case SKIPPED -> "SKIP";
        };
        String mode = model.mode() == null || model.mode().equals(model.materialization()) ? ""
                : ", " + abbreviate(model.mode());
        String rows = model.rows() < 0 ? "" : String.format(Locale.ROOT, " %,d rows", model.rows());
        String tests = model.tests().isEmpty() ? "" : (rows.isEmpty() ? " " : ", ")
                + model.tests().stream().filter(test -> test.passed()).count() + "/" + model.tests().size()
                + " tests passed";
        String counted = rows + tests;
        return String.format(Locale.ROOT, "%d/%d %-5s %s (%s%s)%s in %.1f s%s", index, total, status,
                model.relation(), model.materialization(), mode, counted.isEmpty() ? "" : ":" + counted,
                model.millis() / 1000.0,
                model.error() == null ? "" : "\n      " + model.error());
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
