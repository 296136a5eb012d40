package dev.estore.runner.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratedFile;
import dev.estore.generator.GeneratorOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a build, on the packaged runner as a user runs it: the next {@code run} or
 * {@code serve} records the killed run as interrupted, builds again, and leaves marts that agree with each other.
 */
class KillDuringBuildIT {

    private static final Path RUNNER = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path work;
    private Path bucket;
    private Path warehouse;
    private List<GeneratedFile> months;

    @BeforeEach
    void twoMonthsBuilt() throws Exception {
        assertThat(RUNNER).as("the packaged runner (mvn package)").exists();
        months = new EventGenerator(new GeneratorOptions(12_000, 6, 11, work.resolve("generated"), false,
                YearMonth.of(2019, 10))).generate().files();
        bucket = Files.createDirectories(work.resolve("bucket"));
        Files.createDirectories(work.resolve("tmp"));
        warehouse = work.resolve("warehouse.duckdb");
        copyMonth(0);
        copyMonth(1);
        Finished first = runToEnd("run", "--warehouse", warehouse.toString(), bucket.toString());
        assertThat(first.exit()).as(first.output()).isZero();
    }

    @Test
    void aBuildKilledAtAnyPointIsCaughtUpByTheNextServeOrRunAndEndsAsACleanRunWould() throws Exception {
        // killed right after its first model was published: serve catches up when it starts
        copyMonth(2);
        String killedEarly = killWhen(line -> line.contains("built staging.stg_events_deduped"),
                "run", "--warehouse", warehouse.toString(), bucket.toString());
        Path quiet = Files.createDirectories(work.resolve("serve-bucket"));
        Process serve = start(List.of("serve", "--warehouse", warehouse.toString(), "--bucket", quiet.toString()));
        try {
            List<String> lines = readUntil(serve, line -> line.matches(".*Run run-\\S+ succeeded.*"));
            assertThat(String.join("\n", lines)).contains("A build is owed").contains("catch-up:serve")
                    .as("serve listens on this machine only by default").contains("Listening on: http://127.0.0.1:");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertMartsAgreeAndRunInterrupted(killedEarly, "2019-12");

        // killed after fct_events moved a month ahead of dim_users: the next run, with nothing new to load, builds
        copyMonth(3);
        String killedLate = killWhen(line -> line.contains("built marts.fct_events"),
                "run", "--warehouse", warehouse.toString(), bucket.toString());
        Finished next = runToEnd("run", "--warehouse", warehouse.toString(), bucket.toString());
        assertThat(next.exit()).as(next.output()).isZero();
        assertThat(next.output()).contains("already handled").contains("A build is owed").contains("catch-up:run");
        assertMartsAgreeAndRunInterrupted(killedLate, "2020-01");

        killAtARandomMomentThenCompareWithACleanRun();
    }

    /**
     * A crash point drawn at random, a new one each day (a failure names the moment and the seed;
     * -Destore.crash.seed=N replays it): the runner is killed at a moment of its log (a load started or done, a
     * model built, snapshots, the semantic sync), another file arrives, and the next run recovers. Every mart must
     * then equal a clean run of the same files in a fresh warehouse.
     */
    private void killAtARandomMomentThenCompareWithACleanRun() throws Exception {
        long seed = Long.getLong("estore.crash.seed", System.currentTimeMillis() / 86_400_000L); // one per day
        java.util.Random random = new java.util.Random(seed);
        List<String> moments = List.of("Loading gs://", "Loaded gs://", "built staging.stg_events_classified",
                "built marts.fct_events", "built intermediate.int_sessions", "built marts.dim_users",
                "built marts.dim_user_rfm",
                "Snapshot snap_user_rfm", "Semantic layer");
        String moment = moments.get(random.nextInt(moments.size()));
        copyMonth(4);
        Process killed = start(List.of("run", "--warehouse", warehouse.toString(), bucket.toString()));
        readUntil(killed, line -> line.contains(moment));
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        copyMonth(5);

        // the clean run of the same files, in a fresh warehouse, beside the run that recovers
        Path reference = work.resolve("reference.duckdb");
        Path cleanLog = work.resolve("clean-run.log");
        Process clean = command(List.of("run", "--warehouse", reference.toString(), bucket.toString()))
                .redirectOutput(cleanLog.toFile()).start();
        Finished last = runToEnd("run", "--warehouse", warehouse.toString(), bucket.toString());
        assertThat(last.exit()).as(last.output()).isZero();
        assertThat(clean.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(clean.exitValue()).as(Files.readString(cleanLog)).isZero();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement statement = connection.createStatement()) {
            statement.execute("ATTACH '" + reference + "' AS reference (READ_ONLY)");
            for (String table : List.of("fct_events", "fct_sessions", "dim_users", "dim_products", "dim_categories",
                    "dim_user_rfm", "metrics_churn")) {
                for (String[] sides : new String[][] {{"marts", "reference.marts"}, {"reference.marts", "marts"}}) {
                    String difference = "SELECT count(*) FROM (SELECT * FROM " + sides[0] + "." + table
                            + " EXCEPT ALL SELECT * FROM " + sides[1] + "." + table + ")";
                    assertThat(single(statement, difference)).as("%s: rows of %s not in %s (killed at '%s'; "
                            + "replay with -Destore.crash.seed=%d)", table, sides[0], sides[1], moment, seed)
                            .isEqualTo("0");
                }
            }
        }
    }

    /** The newest event day is the same in fct_events, fct_sessions and dim_users; the killed run is on record. */
    private void assertMartsAgreeAndRunInterrupted(String killedRun, String month) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
                Statement statement = connection.createStatement()) {
            String newest = single(statement, "SELECT CAST(max(event_date) AS VARCHAR) FROM marts.fct_events");
            assertThat(newest).startsWith(month);
            assertThat(single(statement, "SELECT CAST(max(CAST(session_end_time AS DATE)) AS VARCHAR) "
                    + "FROM marts.fct_sessions")).isEqualTo(newest);
            assertThat(single(statement, "SELECT CAST(max(last_event_date) AS VARCHAR) FROM marts.dim_users"))
                    .isEqualTo(newest);
            assertThat(single(statement, "SELECT status FROM ops.transform_runs WHERE run_id = '" + killedRun + "'"))
                    .isEqualTo("INTERRUPTED");
            assertThat(single(statement, "SELECT count(*) FROM ops.model_windows")).as("no pending day left")
                    .isEqualTo("0");
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    /** Starts the runner, kills it (SIGKILL) at the first line matching, and returns the id of the run it was in. */
    private String killWhen(Predicate<String> moment, String... arguments) throws Exception {
        Process process = start(List.of(arguments));
        List<String> lines = readUntil(process, moment);
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = String.join("\n", lines);
        assertThat(output).as("killed before the build finished").doesNotContain(" succeeded in ");
        return lines.stream().filter(line -> line.contains("Run run-")).map(line ->
                line.substring(line.indexOf("Run run-") + 4).split("[ :]")[0]).findFirst().orElseThrow();
    }

    private Finished runToEnd(String... arguments) throws Exception {
        Process process = start(List.of(arguments));
        List<String> lines = readUntil(process, line -> false);
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return new Finished(process.exitValue(), String.join("\n", lines));
    }

    private Process start(List<String> arguments) throws IOException {
        return command(arguments).start();
    }

    private ProcessBuilder command(List<String> arguments) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Destore.warehouse.duckdb.memory-limit=1GB", "-Dquarkus.http.port=0",
                // a killed JVM cannot delete the native library DuckDB unpacks into the temporary directory (69 MB):
                // this one goes with the test's folder
                "-Djava.io.tmpdir=" + work.resolve("tmp"), "-jar", RUNNER.toString()));
        command.addAll(arguments);
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
    }

    /** Reads the process's output until a line matches (inclusive) or the output ends. */
    private static List<String> readUntil(Process process, Predicate<String> stop) throws IOException {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
            if (stop.test(line)) {
                return lines;
            }
            assertThat(System.nanoTime()).as("waiting for the runner; so far:\n" + String.join("\n", lines))
                    .isLessThan(deadline);
        }
        return lines;
    }

    private void copyMonth(int index) throws IOException {
        Files.copy(months.get(index).path(), bucket.resolve(months.get(index).path().getFileName()));
    }

    private record Finished(int exit, String output) {
    }
}
