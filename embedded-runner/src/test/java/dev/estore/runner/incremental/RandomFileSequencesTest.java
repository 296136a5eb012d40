package dev.estore.runner.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.generator.EventGenerator;
import dev.estore.generator.GeneratedFile;
import dev.estore.generator.GeneratorOptions;
import dev.estore.runner.FreshWarehouseProfile;
import dev.estore.runner.WarehouseRows;
import dev.estore.runner.fixture.FullRebuildComparison;
import dev.estore.runner.fixture.TestFolders;
import dev.estore.runner.pipeline.EmbeddedPipeline;
import dev.estore.runner.pipeline.RunSummary;
import dev.estore.shared.ports.Warehouse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Generated events (with the generator's session ids reused after hours or months, sessions across midnight,
 * products under two brands and exact duplicates) delivered as files of one to five days in a seeded random order:
 * some files late (after newer days), some delivered again as a new generation with rows missing, a product under a
 * new brand and a row moved to another user. An incremental build after every file; every table compared with a
 * full rebuild halfway and at the end. The hand-written cases are in {@link IncrementalScenariosTest}; this one looks
 * for the combinations nobody wrote down. The seed is logged: {@code -Destore.test.sequence-seed=N} replays a
 * sequence, another N tries a new one; {@code -Destore.test.sequence-events=25000 -Destore.test.sequence-months=3}
 * hunts on more data.
 */
@QuarkusTest
@TestProfile(RandomFileSequencesTest.Profile.class)
class RandomFileSequencesTest {

    private static final Logger LOG = Logger.getLogger(RandomFileSequencesTest.class);

    /** A warehouse of its own. */
    public static class Profile extends FreshWarehouseProfile {
    }

    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int BRAND = 5;
    private static final int USER_ID = 7;

    @Inject
    EmbeddedPipeline pipeline;
    @Inject
    Warehouse warehouse;

    Path bucket;
    String header;
    int generation;

    @Test
    void randomFileSequencesEndWhereAFullRebuildDoes() throws Exception {
        long seed = Long.getLong("estore.test.sequence-seed", 20261204L);
        LOG.infof("File sequence seed %d (replay with -Destore.test.sequence-seed=%d)", seed, seed);
        Random random = new Random(seed);
        Path root = TestFolders.create("estore-random-files");
        bucket = Files.createDirectories(root.resolve("bucket"));
        TreeMap<LocalDate, List<String>> days = generatedDays(root.resolve("generated"), seed);
        carryPastMidnight(days, 5, random);
        List<List<LocalDate>> files = inRandomOrder(chunks(new ArrayList<>(days.keySet()), random), random);

        List<List<LocalDate>> delivered = new ArrayList<>();
        int late = 0;
        int redelivered = 0;
        for (int step = 0; step < files.size(); step++) {
            List<LocalDate> file = files.get(step);
            boolean isLate = delivered.stream().anyMatch(earlier -> earlier.get(0).isAfter(file.get(0)));
            late += isLate ? 1 : 0;
            write(file, rowsOf(days, file));
            build("file " + fileName(file) + (isLate ? " (late)" : ""));
            delivered.add(file);
            if (delivered.size() > 2 && random.nextInt(4) == 0) {
                List<LocalDate> again = delivered.get(random.nextInt(delivered.size() - 1));
                write(again, newGeneration(rowsOf(days, again), random));
                redelivered++;
                build("file " + fileName(again) + " again, a new generation");
            }
            if (step == files.size() / 2) {
                FullRebuildComparison.assertTablesEqualAFullRebuild("seed " + seed + ", halfway");
            }
        }
        assertThat(late).as("files delivered after newer days").isPositive();
        assertThat(redelivered).as("files delivered again").isPositive();
        // The data holds the cases worth the trouble (a generator change must not make this test vacuous).
        assertThat(count("marts.fct_sessions WHERE session_id LIKE '%\\_timeout\\_%' ESCAPE '\\'"))
                .as("split or reused session ids").isPositive();
        assertThat(count("marts.fct_sessions WHERE session_start_date <> CAST(session_end_time AS DATE)"))
                .as("sessions across midnight").isPositive();
        assertThat(count("staging.stg_events_classified WHERE exclusion_reason = 'product under several brands'"))
                .as("events of multi-brand products").isPositive();
        FullRebuildComparison.assertTablesEqualAFullRebuild("seed " + seed + ", at the end");
    }

    /** Generated events by day: 6,000 over two months unless -Destore.test.sequence-events / -months say more. */
    private TreeMap<LocalDate, List<String>> generatedDays(Path folder, long seed) throws Exception {
        long events = Long.getLong("estore.test.sequence-events", 6_000);
        int months = Integer.getInteger("estore.test.sequence-months", 2);
        List<GeneratedFile> files = new EventGenerator(
                new GeneratorOptions(events, months, seed, folder, false, YearMonth.of(2019, 10))).generate().files();
        TreeMap<LocalDate, List<String>> days = new TreeMap<>();
        for (GeneratedFile month : files) {
            List<String> lines = Files.readAllLines(month.path());
            header = lines.get(0);
            for (String row : lines.subList(1, lines.size())) {
                days.computeIfAbsent(LocalDate.parse(row.substring(0, 10)), day -> new ArrayList<>()).add(row);
            }
        }
        return days;
    }

    /**
     * Continues {@code sessions} days' last sessions 10 to 50 minutes after their last event, past midnight (few
     * generated sessions cross it): one session over two days, and over two files when a file ends there.
     */
    private static void carryPastMidnight(TreeMap<LocalDate, List<String>> days, int sessions, Random random) {
        List<LocalDate> candidates = new ArrayList<>(days.headMap(days.lastKey()).keySet());
        for (int carried = 0, tries = 0; carried < sessions && tries < 1_000; tries++) {
            List<String> rows = days.get(candidates.get(random.nextInt(candidates.size())));
            String last = rows.get(rows.size() - 1);
            LocalDateTime time = LocalDateTime.parse(last.substring(0, 19), EVENT_TIME)
                    .plusMinutes(10 + random.nextInt(41));
            if (time.toLocalDate().isAfter(LocalDate.parse(last.substring(0, 10)))) {
                days.get(time.toLocalDate()).add(0, time.format(EVENT_TIME) + last.substring(19));
                carried++;
            }
        }
    }

    /** Consecutive days in files of one to five days. */
    private static List<List<LocalDate>> chunks(List<LocalDate> days, Random random) {
        List<List<LocalDate>> files = new ArrayList<>();
        for (int from = 0; from < days.size(); ) {
            int to = Math.min(days.size(), from + 1 + random.nextInt(5));
            files.add(List.copyOf(days.subList(from, to)));
            from = to;
        }
        return files;
    }

    /** In day order, except that two files (never the first) arrive two to four files late. */
    private static List<List<LocalDate>> inRandomOrder(List<List<LocalDate>> files, Random random) {
        List<List<LocalDate>> order = new ArrayList<>(files);
        for (int moved = 0; moved < 2; moved++) {
            int from = 1 + random.nextInt(order.size() - 5);
            order.add(from + 2 + random.nextInt(3), order.remove(from));
        }
        return order;
    }

    private static List<String> rowsOf(TreeMap<LocalDate, List<String>> days, List<LocalDate> file) {
        return file.stream().flatMap(day -> days.get(day).stream()).toList();
    }

    /**
     * The same days changed as a corrected file would change them: a tenth of the rows gone, one row's product
     * under a brand of its own (the product turns multi-brand wherever else it sells), one row moved to the user
     * of another row (its session can change hands).
     */
    private List<String> newGeneration(List<String> rows, Random random) {
        List<String> kept = new ArrayList<>(rows.stream().filter(row -> random.nextInt(10) != 0).toList());
        if (kept.size() >= 2) {
            int rebranded = random.nextInt(kept.size());
            kept.set(rebranded, withField(kept.get(rebranded), BRAND, "rebrand" + generation));
            String otherUser = kept.get(random.nextInt(kept.size())).split(",", -1)[USER_ID];
            int moved = random.nextInt(kept.size());
            kept.set(moved, withField(kept.get(moved), USER_ID, otherUser));
        }
        return kept;
    }

    private long count(String relationAndCondition) {
        return WarehouseRows.count(warehouse, "(SELECT * FROM " + relationAndCondition + ")");
    }

    private static String withField(String row, int index, String value) {
        String[] fields = row.split(",", -1);
        fields[index] = value;
        return String.join(",", fields);
    }

    private void write(List<LocalDate> file, List<String> rows) throws Exception {
        Path path = bucket.resolve(fileName(file) + ".csv");
        Files.writeString(path, header + "\n" + String.join("\n", rows) + "\n");
        // a new generation even within the file system's timestamp resolution
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(++generation)));
    }

    private static String fileName(List<LocalDate> file) {
        return file.get(0) + (file.size() == 1 ? "" : "_to_" + file.get(file.size() - 1));
    }

    /** Loads what is new in the bucket and builds; after the first build, fct_events takes in only the changed days. */
    private void build(String what) throws Exception {
        RunSummary run = pipeline.run(List.of(bucket), Duration.ofMinutes(2));
        assertThat(run.succeeded()).as("the build after %s: %s", what, run.failures()).isTrue();
        if (generation > 1) {
            assertThat(WarehouseRows.modeOf(run.lastBuild(), "fct_events")).as("fct_events after %s", what)
                    .startsWith("insert_overwrite");
        }
    }
}
