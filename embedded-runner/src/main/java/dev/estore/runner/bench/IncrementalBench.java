package dev.estore.runner.bench;

import dev.estore.generator.GeneratedFile;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.RunSummary;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The incremental benchmark: the months go into one warehouse one at a time (each load followed by its build),
 * and each month is also built alone in a fresh warehouse in the same run, so the cost of adding a month to all of
 * history is read as a ratio to the cost of that month by itself. Then one day of a further month is added on
 * top of everything, against that day alone. Prints per step the load and build seconds, the ratio, the
 * warehouse file's bytes per event and the process's peak memory.
 */
final class IncrementalBench {

    private final EmbeddedPipeline pipeline;
    private final Path dir;

    IncrementalBench(EmbeddedPipeline pipeline, Path dir) {
        this.pipeline = pipeline;
        this.dir = dir;
    }

    /** {@code months}: the monthly files in order; {@code dayFile}: one day of the month after them. */
    int run(List<GeneratedFile> months, Path dayFile, long dayRows) throws IOException, InterruptedException {
        Path bucket = Files.createDirectories(dir.resolve("bucket"));
        Path history = dir.resolve("incremental.duckdb");
        pipeline.useWarehouse(history);
        List<Step> steps = new ArrayList<>();
        long events = 0;
        for (int i = 0; i < months.size(); i++) {
            GeneratedFile month = months.get(i);
            events += month.rows();
            Step step = measure(month.month().toString(), month.path(), month.rows(), events, bucket, history,
                    "alone-" + i);
            if (step == null) {
                return 1;
            }
            steps.add(step);
        }
        Step day = measure("one day on top", dayFile, dayRows, events + dayRows, bucket, history, "alone-day");
        if (day == null) {
            return 1;
        }
        steps.add(day);
        print(steps);
        return 0;
    }

    /** Adds the file to the history warehouse and builds; then builds it alone in a fresh warehouse. */
    private Step measure(String label, Path file, long rows, long eventsSoFar, Path bucket, Path history,
            String aloneName) throws IOException, InterruptedException {
        System.out.printf("%s: adding %,d events to the history warehouse...%n", label, rows);
        Files.copy(file, bucket.resolve(file.getFileName()));
        RunSummary added = pipeline.run(List.of(bucket), Duration.ofHours(6));
        if (!added.succeeded()) {
            System.out.println("The incremental run failed; figures would mean nothing: " + added.failures());
            return null;
        }
        long bytes = warehouseBytes(history);
        System.out.printf("%s: the same %,d events alone in a fresh warehouse (a second estore process)...%n", label,
                rows);
        Path aloneBucket = Files.createDirectories(dir.resolve(aloneName));
        Files.copy(file, aloneBucket.resolve(file.getFileName()));
        Alone alone = runAlone(aloneBucket, dir.resolve(aloneName + ".duckdb"), dir.resolve(aloneName + ".log"));
        if (alone == null) {
            return null;
        }
        deleteWarehouse(dir.resolve(aloneName + ".duckdb"));
        return new Step(label, rows, eventsSoFar, added.loadStage().toMillis(), buildMillis(added),
                added.checkpoint().toMillis(), alone.loadMillis(), alone.buildMillis(), bytes, PeakMemory.describe(),
                added.lastBuild().models().stream().map(model -> model.model() + " " + model.millis() + " ms"
                        + (model.reads() == null || model.reads().rows() == null ? ""
                                : String.format(" (%,d rows read)", model.reads().rows()))).toList());
    }

    /**
     * Runs {@code estore run --json} on the file alone in a process of its own (one warehouse file per process, as
     * DuckDB wants), and reads its load and build times from the summary.
     */
    private static Alone runAlone(Path bucket, Path warehouse, Path log) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx2g"));
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("estore."))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.addAll(List.of("-jar", System.getProperty("java.class.path"), "run", "--json", "--warehouse",
                warehouse.toString(), bucket.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        List<String> lines = Files.readAllLines(log);
        int start = lines.lastIndexOf("{");
        if (exit != 0 || start < 0) {
            System.out.println("The run of the file alone failed (exit " + exit + "); see " + log);
            return null;
        }
        var mapper = dev.estore.shared.contracts.MessageCodec.json();
        var summary = mapper.readTree(String.join("\n", lines.subList(start, lines.size())));
        var build = summary.get("lastBuild");
        java.time.Instant started = mapper.convertValue(build.get("startedAt"), java.time.Instant.class);
        java.time.Instant finished = mapper.convertValue(build.get("finishedAt"), java.time.Instant.class);
        return new Alone(mapper.convertValue(summary.get("loadStage"), Duration.class).toMillis(),
                Duration.between(started, finished).toMillis());
    }

    private static void deleteWarehouse(Path file) throws IOException {
        for (Path path : List.of(file, file.resolveSibling(file.getFileName() + ".wal"))) {
            Files.deleteIfExists(path);
        }
    }

    private record Alone(long loadMillis, long buildMillis) {
    }

    private static long buildMillis(RunSummary run) {
        return Duration.between(run.lastBuild().startedAt(), run.lastBuild().finishedAt()).toMillis();
    }

    private static long warehouseBytes(Path file) throws IOException {
        long bytes = Files.size(file);
        Path wal = file.resolveSibling(file.getFileName() + ".wal");
        return bytes + (Files.exists(wal) ? Files.size(wal) : 0);
    }

    private static void print(List<Step> steps) {
        System.out.println();
        System.out.println("estore bench --incremental: each step added to all the steps before it, against the same "
                + "file built alone in a fresh warehouse (same run)");
        System.out.printf("%-16s %12s %12s %10s %10s %12s %12s %10s %8s %11s %s%n", "step", "events", "history",
                "load s", "build s", "checkpoint s", "alone build", "ratio", "load x", "bytes/event", "peak memory");
        for (Step step : steps) {
            System.out.printf("%-16s %,12d %,12d %10.1f %10.1f %12.1f %12.1f %9.2fx %7.2fx %11.1f %s%n", step.label(),
                    step.rows(), step.history(), step.loadMillis() / 1000.0, step.buildMillis() / 1000.0,
                    step.checkpointMillis() / 1000.0, step.aloneBuildMillis() / 1000.0,
                    (double) step.buildMillis() / Math.max(1, step.aloneBuildMillis()),
                    (double) step.loadMillis() / Math.max(1, step.aloneLoadMillis()),
                    (double) step.warehouseBytes() / step.history(), step.peakMemory());
        }
        System.out.println("ratio = build with all earlier months / build of the file alone (lower is better; 1.00x = "
                + "history costs nothing). checkpoint = writing DuckDB's log into the file once the pipeline is "
                + "idle, after the build. bytes/event = warehouse file after the step / events loaded so far.");
        Step last = steps.get(steps.size() - 1);
        System.out.println("Per model, last step: " + String.join(", ", last.models()));
    }

    /** Writes the rows of the file's first day (by event_time) to a new file beside it, keeping gzip if any. */
    static long firstDay(Path monthFile, Path dayFile) throws IOException {
        boolean gzip = monthFile.getFileName().toString().endsWith(".gz");
        long rows = 0;
        try (InputStream raw = Files.newInputStream(monthFile);
                BufferedReader in = new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(raw) : raw,
                        StandardCharsets.UTF_8));
                OutputStream out = Files.newOutputStream(dayFile);
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(gzip ? new GZIPOutputStream(out)
                        : out, StandardCharsets.UTF_8))) {
            writer.write(in.readLine());
            writer.newLine();
            String day = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String date = line.length() >= 10 ? line.substring(0, 10) : line;
                if (day == null) {
                    day = date;
                }
                if (date.equals(day)) {
                    writer.write(line);
                    writer.newLine();
                    rows++;
                }
            }
        }
        return rows;
    }

    private record Step(String label, long rows, long history, long loadMillis, long buildMillis,
            long checkpointMillis, long aloneLoadMillis, long aloneBuildMillis, long warehouseBytes, String peakMemory,
            List<String> models) {
    }
}
