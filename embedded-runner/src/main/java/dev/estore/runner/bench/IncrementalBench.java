package dev.estore.runner.bench;

import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratedFile;
import dev.estore.generator.GeneratorOptions;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.RunSummary;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
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
 * and each month (or only the last, {@code --alone last}) is also built alone in a fresh warehouse in the same
 * run, so the cost of adding a month to all of history is read as a ratio to the cost of that month by itself.
 * Then the first days of a further month are added on top of everything, one file a day as a daily feed would
 * bring them, each against that day alone; their median ratio is printed too (one pair of builds of a few seconds
 * is at the mercy of a noisy machine). Prints per step the load and build seconds, the ratio, the warehouse
 * file's bytes per event and the process's peak memory.
 */
final class IncrementalBench {

    /**
     * Which steps are also built alone: every one, or only the last month and the day (about half the time at
     * scale). Named as typed on the command line.
     */
    enum AloneSteps {
        all, last
    }

    private final EmbeddedPipeline pipeline;
    private final Path dir;
    private final AloneSteps aloneSteps;
    private final int days;
    private final Path history;
    private final List<Step> steps = new ArrayList<>();
    private Path bucket;
    private long events;

    IncrementalBench(EmbeddedPipeline pipeline, Path dir, AloneSteps aloneSteps, int days) {
        this.pipeline = pipeline;
        this.dir = dir;
        this.aloneSteps = aloneSteps;
        this.days = days;
        this.history = dir.resolve("incremental.duckdb");
    }

    /**
     * Generates the months of {@code options} and measures each one as soon as its file is written (the generator
     * waits meanwhile), then splits the first days of one month more into the "day on top" files. Each file is
     * deleted once measured: the warehouse holds its rows, and at the seed's scale (55 GB of CSV) the files would
     * not fit beside the warehouse.
     */
    int run(GeneratorOptions options) throws IOException {
        bucket = Files.createDirectories(dir.resolve("bucket"));
        pipeline.useWarehouse(history);
        int months = options.months();
        GeneratorOptions withOneMore = new GeneratorOptions(options.events() + options.events() / months,
                months + 1, options.seed(), options.outDir(), options.gzip(), options.firstMonth());
        try {
            new EventGenerator(withOneMore).generate(file -> measureGenerated(file, months));
        } catch (StepFailed failed) {
            System.out.println(failed.getMessage());
            return 1;
        }
        print(steps);
        return 0;
    }

    private void measureGenerated(GeneratedFile file, int months) throws IOException {
        int index = steps.size();
        System.out.printf("generated %s: %,d events, %,d bytes%n", file.path().getFileName(), file.rows(),
                file.bytes());
        try {
            if (index < months) {
                boolean alone = aloneSteps == AloneSteps.all || index == months - 1;
                steps.add(measure(file.month().toString(), file.path(), file.rows(), alone ? "alone-" + index : null));
            } else {
                List<DayFile> dayFiles = firstDays(file.path(), days);
                Files.delete(file.path());
                for (int day = 0; day < dayFiles.size(); day++) {
                    steps.add(measure("day " + (day + 1) + " on top", dayFiles.get(day).path(),
                            dayFiles.get(day).rows(), "alone-day-" + (day + 1)));
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while measuring " + file.path());
        }
    }

    /**
     * Adds the file to the history warehouse and builds; then, unless {@code aloneName} is null, builds it alone in
     * a fresh warehouse.
     */
    private Step measure(String label, Path file, long rows, String aloneName)
            throws IOException, InterruptedException {
        events += rows;
        System.out.printf("%s: adding %,d events to the history warehouse...%n", label, rows);
        Path inBucket = placeInBucket(file, bucket);
        RunSummary added = pipeline.run(List.of(bucket), Duration.ofHours(6));
        if (!added.succeeded()) {
            throw new StepFailed("The incremental run failed; figures would mean nothing: " + added.failures());
        }
        long bytes = warehouseBytes(history);
        Alone alone = Alone.NOT_RUN;
        if (aloneName != null) {
            System.out.printf("%s: the same %,d events alone in a fresh warehouse (a second estore process)...%n",
                    label, rows);
            Path aloneBucket = Files.createDirectories(dir.resolve(aloneName));
            Path aloneFile = placeInBucket(file, aloneBucket);
            alone = runAlone(aloneBucket, dir.resolve(aloneName + ".duckdb"), dir.resolve(aloneName + ".log"));
            deleteWarehouse(dir.resolve(aloneName + ".duckdb"));
            Files.delete(aloneFile);
        }
        Files.delete(inBucket);
        Files.delete(file);
        return new Step(label, rows, events, added.loadStage().toMillis(), buildMillis(added),
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
            throw new StepFailed("The run of the file alone failed (exit " + exit + "); see " + log);
        }
        var mapper = dev.estore.shared.contracts.MessageCodec.json();
        var summary = mapper.readTree(String.join("\n", lines.subList(start, lines.size())));
        var build = summary.get("lastBuild");
        java.time.Instant started = mapper.convertValue(build.get("startedAt"), java.time.Instant.class);
        java.time.Instant finished = mapper.convertValue(build.get("finishedAt"), java.time.Instant.class);
        return new Alone(mapper.convertValue(summary.get("loadStage"), Duration.class).toMillis(),
                Duration.between(started, finished).toMillis());
    }

    /**
     * A hard link rather than a copy where the file system allows it: at the seed's scale the generated files are
     * 10 GB of .csv.gz, and two more copies of them would not fit beside the warehouse.
     */
    private static Path placeInBucket(Path file, Path bucket) throws IOException {
        Path target = bucket.resolve(file.getFileName());
        try {
            Files.createLink(target, file);
        } catch (UnsupportedOperationException | IOException cannotLink) {
            Files.copy(file, target);
        }
        return target;
    }

    private static void deleteWarehouse(Path file) throws IOException {
        for (Path path : List.of(file, file.resolveSibling(file.getFileName() + ".wal"))) {
            Files.deleteIfExists(path);
        }
    }

    /** The file built alone; {@link #NOT_RUN} (negative times) for a step not built alone. */
    private record Alone(long loadMillis, long buildMillis) {
        static final Alone NOT_RUN = new Alone(-1, -1);
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
            boolean alone = step.aloneBuildMillis() >= 0;
            System.out.printf("%-16s %,12d %,12d %10.1f %10.1f %12.1f %12s %10s %8s %11.1f %s%n", step.label(),
                    step.rows(), step.history(), step.loadMillis() / 1000.0, step.buildMillis() / 1000.0,
                    step.checkpointMillis() / 1000.0,
                    alone ? String.format("%.1f", step.aloneBuildMillis() / 1000.0) : "-",
                    alone ? String.format("%.2fx", (double) step.buildMillis() / Math.max(1, step.aloneBuildMillis()))
                            : "-",
                    alone ? String.format("%.2fx", (double) step.loadMillis() / Math.max(1, step.aloneLoadMillis()))
                            : "-",
                    (double) step.warehouseBytes() / step.history(), step.peakMemory());
        }
        System.out.printf("total: load %.1f s, build %.1f s, checkpoint %.1f s = %.1f minutes for %,d events%n",
                steps.stream().mapToLong(Step::loadMillis).sum() / 1000.0,
                steps.stream().mapToLong(Step::buildMillis).sum() / 1000.0,
                steps.stream().mapToLong(Step::checkpointMillis).sum() / 1000.0,
                steps.stream().mapToLong(step -> step.loadMillis() + step.buildMillis() + step.checkpointMillis())
                        .sum() / 60_000.0, steps.get(steps.size() - 1).history());
        System.out.println("ratio = build with all earlier months / build of the file alone (lower is better; 1.00x = "
                + "history costs nothing). checkpoint = writing DuckDB's log into the file once the pipeline is "
                + "idle, after the build. bytes/event = warehouse file after the step / events loaded so far.");
        List<Double> dayRatios = steps.stream().filter(step -> step.label().startsWith("day "))
                .map(step -> (double) step.buildMillis() / Math.max(1, step.aloneBuildMillis())).toList();
        if (!dayRatios.isEmpty()) {
            System.out.printf("Days on top: %d, ratios %s; median %.2fx%n", dayRatios.size(),
                    String.join(", ", dayRatios.stream().map(ratio -> String.format("%.2fx", ratio)).toList()),
                    median(dayRatios));
        }
        Step last = steps.get(steps.size() - 1);
        System.out.println("Per model, last step: " + String.join(", ", last.models()));
    }

    /** The middle value, or the mean of the middle two; {@code values} must not be empty. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** One day's rows split out of a month file. */
    record DayFile(Path path, long rows) {
    }

    /**
     * Writes the rows of the month file's first {@code count} days (the first dates met, by event_time) to one new
     * file each beside it, keeping gzip if any. A month of fewer days gives fewer files.
     */
    static List<DayFile> firstDays(Path monthFile, int count) throws IOException {
        boolean gzip = monthFile.getFileName().toString().endsWith(".gz");
        String name = monthFile.getFileName().toString();
        List<String> dates = new ArrayList<>();
        List<BufferedWriter> writers = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        long[] rows = new long[count];
        try (InputStream raw = Files.newInputStream(monthFile);
                BufferedReader in = new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(raw) : raw,
                        StandardCharsets.UTF_8))) {
            String header = in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String date = line.length() >= 10 ? line.substring(0, 10) : line;
                int day = dates.indexOf(date);
                if (day < 0 && dates.size() < count) {
                    day = dates.size();
                    dates.add(date);
                    Path path = monthFile.resolveSibling(name.replaceFirst("\\.csv", "-day-" + (day + 1) + ".csv"));
                    BufferedWriter writer = dayWriter(path, gzip);
                    writer.write(header);
                    writer.newLine();
                    writers.add(writer);
                    paths.add(path);
                }
                if (day >= 0) {
                    writers.get(day).write(line);
                    writers.get(day).newLine();
                    rows[day]++;
                }
            }
        } finally {
            for (BufferedWriter writer : writers) {
                writer.close();
            }
        }
        List<DayFile> files = new ArrayList<>();
        for (int day = 0; day < paths.size(); day++) {
            files.add(new DayFile(paths.get(day), rows[day]));
        }
        return files;
    }

    /** A day file's writer; the file's stream is closed if the gzip writer around it cannot start. */
    private static BufferedWriter dayWriter(Path path, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(path);
        try {
            return new BufferedWriter(new OutputStreamWriter(gzip ? new GZIPOutputStream(out) : out,
                    StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** A step that failed: the figures would mean nothing, so the generation stops too. */
    private static final class StepFailed extends IOException {
        StepFailed(String message) {
            super(message);
        }
    }

    private record Step(String label, long rows, long history, long loadMillis, long buildMillis,
            long checkpointMillis, long aloneLoadMillis, long aloneBuildMillis, long warehouseBytes, String peakMemory,
            List<String> models) {
    }
}
