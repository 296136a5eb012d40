package dev.estore.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventGeneratorTest {

    private static final String HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");
    private static final Pattern INTEGER = Pattern.compile("[1-9]\\d*");
    private static final Pattern CATEGORY_ID = Pattern.compile("[1-9]\\d{18}");
    private static final Pattern CATEGORY_CODE = Pattern.compile("([a-z_]+(\\.[a-z_]+){0,3})?");
    private static final Pattern PRICE = Pattern.compile("\\d+\\.\\d{2}");
    private static final Pattern USER_ID = Pattern.compile("[1-9]\\d{8}");
    private static final Pattern SESSION =
            Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?");
    private static final Set<String> TYPES = Set.of("view", "cart", "purchase", "remove_from_cart");

    /** One 20k-event run shared by the read-only checks, to keep the suite fast. */
    @TempDir
    static Path sharedDir;

    private static GenerationReport shared;
    private static Dataset sharedData;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generateShared() throws IOException {
        shared = generate(sharedDir, 20_000, 42, false);
        sharedData = Dataset.read(shared);
    }

    @Test
    void defaultsMatchTheRealDatasetSpan() {
        GeneratorOptions options = GeneratorOptions.defaults(tmp);
        assertThat(options.events()).isEqualTo(1_000_000L);
        assertThat(options.months()).isEqualTo(7);
        assertThat(options.seed()).isEqualTo(42L);
        assertThat(options.gzip()).isFalse();
        assertThat(options.firstMonth()).isEqualTo(YearMonth.of(2019, 10));
        assertThat(options.outDir()).isEqualTo(tmp);
    }

    @Test
    void rejectsNonsenseOptions() {
        assertThatThrownBy(() -> new GeneratorOptions(-1, 7, 1, tmp, false, YearMonth.of(2019, 10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratorOptions(10, 0, 1, tmp, false, YearMonth.of(2019, 10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratorOptions(10, 1, 1, null, false, YearMonth.of(2019, 10)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
        List<byte[]> first = contents(shared);
        List<byte[]> again = contents(generate(tmp.resolve("b"), 20_000, 42, false));
        List<byte[]> other = contents(generate(tmp.resolve("c"), 20_000, 43, false));

        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i)).as("file %d", i).isEqualTo(first.get(i));
        }
        assertThat(other.get(0)).isNotEqualTo(first.get(0));
    }

    @Test
    void createsAMissingOutputFolder() throws IOException {
        Path out = tmp.resolve("new/sub/folder");
        GenerationReport report = generate(out, 500, 42, false);
        assertThat(report.files()).hasSize(7).allMatch(f -> f.path().getParent().equals(out));
        assertThat(report.totalRows()).isEqualTo(500);
    }

    @Test
    void writesOneWellFormedFilePerMonth() throws IOException {
        GenerationReport report = shared;

        assertThat(report.files()).extracting(f -> f.path().getFileName().toString()).containsExactly(
                "rees46-2019-Oct.csv", "rees46-2019-Nov.csv", "rees46-2019-Dec.csv", "rees46-2020-Jan.csv",
                "rees46-2020-Feb.csv", "rees46-2020-Mar.csv", "rees46-2020-Apr.csv");
        assertThat(report.files()).extracting(GeneratedFile::month)
                .containsExactly(YearMonth.of(2019, 10), YearMonth.of(2019, 11), YearMonth.of(2019, 12),
                        YearMonth.of(2020, 1), YearMonth.of(2020, 2), YearMonth.of(2020, 3), YearMonth.of(2020, 4));
        assertThat(report.totalRows()).isEqualTo(20_000);
        assertThat(report.rowsPerSecond()).isPositive();
        long bytes = 0;
        for (GeneratedFile file : report.files()) {
            assertThat(file.bytes()).isEqualTo(Files.size(file.path()));
            assertThat(Files.readString(file.path())).endsWith("\n").doesNotContain("\r");
            bytes += file.bytes();
        }
        assertThat(report.totalBytes()).isEqualTo(bytes);

        Dataset data = sharedData;
        assertThat(data.headers()).containsOnly(HEADER);
        assertThat(data.rows()).hasSize(20_000);
        for (GeneratedFile file : report.files()) {
            assertThat(data.rows().stream().filter(r -> r.month() == report.files().indexOf(file)).count())
                    .isEqualTo(file.rows());
        }
        // Field by field, collecting offenders: one assertion per row would dominate the test time.
        List<String> bad = new ArrayList<>();
        for (Dataset.Row r : data.rows()) {
            boolean ok = TIME.matcher(r.time()).matches()
                    && TYPES.contains(r.type())
                    && INTEGER.matcher(r.productId()).matches()
                    && CATEGORY_ID.matcher(r.categoryId()).matches()
                    && Long.parseLong(r.categoryId()) > 0
                    && CATEGORY_CODE.matcher(r.categoryCode()).matches()
                    && !r.brand().contains("\"")
                    && PRICE.matcher(r.price()).matches()
                    && new BigDecimal(r.price()).signum() > 0
                    && USER_ID.matcher(r.userId()).matches()
                    && SESSION.matcher(r.session()).matches();
            if (!ok) {
                bad.add(r.line());
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void rowsAreInTimeOrderAndInTheirFilesMonth() {
        GenerationReport report = shared;
        Dataset data = sharedData;
        long previous = Long.MIN_VALUE;
        List<String> bad = new ArrayList<>();
        for (Dataset.Row r : data.rows()) {
            YearMonth month = report.files().get(r.month()).month();
            if (r.seconds() < previous || !r.time().startsWith(month.toString())) {
                bad.add(r.line());
            }
            previous = r.seconds();
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void gzipHoldsTheSameContentAsPlainText() throws IOException {
        GenerationReport plain = generate(tmp.resolve("plain"), 10_000, 3, false);
        GenerationReport gzip = generate(tmp.resolve("gzip"), 10_000, 3, true);

        assertThat(gzip.files()).extracting(f -> f.path().getFileName().toString())
                .allMatch(name -> name.matches("rees46-\\d{4}-[A-Z][a-z]{2}\\.csv\\.gz"));
        assertThat(gzip.totalRows()).isEqualTo(plain.totalRows());
        for (int i = 0; i < plain.files().size(); i++) {
            assertThat(Dataset.text(gzip.files().get(i).path())).isEqualTo(Files.readString(plain.files().get(i).path()));
            assertThat(gzip.files().get(i).rows()).isEqualTo(plain.files().get(i).rows());
        }
        assertThat(gzip.totalBytes()).isLessThan(plain.totalBytes());
    }

    @Test
    void leavesNoTemporaryFilesAndReplacesEarlierOutput() throws IOException {
        generate(tmp, 5_000, 1, false);
        GenerationReport second = generate(tmp, 5_000, 2, false);

        try (Stream<Path> files = Files.list(tmp)) {
            Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertThat(names).hasSize(7).noneMatch(name -> name.startsWith(".") || name.endsWith(".tmp"));
        }
        assertThat(Dataset.read(second).rows()).hasSize(5_000);
    }

    @Test
    void exactRowCountEvenForTinyRuns() throws IOException {
        for (long events : new long[] {0, 1, 2, 17, 999}) {
            Path out = tmp.resolve("n" + events);
            GenerationReport report = generate(out, events, 5, false);
            assertThat(report.files()).hasSize(7);
            assertThat(report.totalRows()).isEqualTo(events);
            assertThat(Dataset.read(report).rows()).hasSize((int) events);
        }
    }

    @Test
    void honoursFirstMonthAndMonthCount() throws IOException {
        GenerationReport report = new EventGenerator(
                new GeneratorOptions(3_000, 2, 9, tmp, false, YearMonth.of(2020, 12))).generate();
        assertThat(report.files()).extracting(f -> f.path().getFileName().toString())
                .containsExactly("rees46-2020-Dec.csv", "rees46-2021-Jan.csv");
        assertThat(report.totalRows()).isEqualTo(3_000);
    }

    @Test
    void tellsTheListenerOfEachMonthOnceCompleteAndBeforeTheNextIsStarted() throws IOException {
        Path out = tmp.resolve("listened");
        List<String> seen = new ArrayList<>();
        GenerationReport report = new EventGenerator(new GeneratorOptions(20_000, 3, 4, out, false,
                YearMonth.of(2019, 10))).generate(file -> {
                    assertThat(Files.size(file.path())).isEqualTo(file.bytes());
                    try (Stream<Path> present = Files.list(out)) {
                        assertThat(present).as("this month (the ones before deleted), nothing of the next yet")
                                .containsExactly(file.path());
                    }
                    seen.add(file.path().getFileName().toString());
                    Files.delete(file.path());
                });
        assertThat(seen).containsExactly("rees46-2019-Oct.csv", "rees46-2019-Nov.csv", "rees46-2019-Dec.csv");
        assertThat(report.files()).extracting(file -> file.path().getFileName().toString())
                .containsExactlyElementsOf(seen);
        assertThat(report.totalRows()).isEqualTo(20_000);
    }

    @Test
    void aListenersFailureStopsTheGeneration() {
        Path out = tmp.resolve("stopped");
        List<GeneratedFile> seen = new ArrayList<>();
        assertThatThrownBy(() -> new EventGenerator(new GeneratorOptions(20_000, 3, 4, out, false,
                YearMonth.of(2019, 10))).generate(file -> {
                    seen.add(file);
                    throw new IOException("the consumer of " + file.month() + " failed");
                })).hasMessage("the consumer of 2019-10 failed");
        assertThat(seen).hasSize(1);
        assertThat(out.resolve("rees46-2019-Nov.csv")).doesNotExist();
        assertThat(out.resolve(".rees46-2019-Nov.csv.tmp")).doesNotExist();
    }

    static GenerationReport generate(Path out, long events, long seed, boolean gzip) throws IOException {
        return new EventGenerator(new GeneratorOptions(events, 7, seed, out, gzip, YearMonth.of(2019, 10))).generate();
    }

    private static List<byte[]> contents(GenerationReport report) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (GeneratedFile f : report.files()) {
            out.add(Files.readAllBytes(f.path()));
        }
        return out;
    }
}
