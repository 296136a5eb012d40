package dev.estore.runner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.runner.fixture.TestFolders;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IncrementalBenchTest {

    static final String HEADER = "event_time,event_type,product_id";
    static final List<String> ROWS = List.of("2020-05-01 00:00:01 UTC,view,1", "2020-05-01 23:59:59 UTC,cart,2",
            "2020-05-02 00:00:00 UTC,view,3", "2020-05-01 12:00:00 UTC,view,4", "2020-05-03 08:00:00 UTC,view,5");

    @Test
    void theFirstDaysOfAMonthGoToOneFileEachWithTheHeader() throws Exception {
        Path month = TestFolders.create("bench-days").resolve("rees46-2020-May.csv");
        Files.writeString(month, HEADER + "\n" + String.join("\n", ROWS) + "\n");

        List<IncrementalBench.DayFile> days = IncrementalBench.firstDays(month, 2);

        assertThat(days).extracting(IncrementalBench.DayFile::rows).containsExactly(3L, 1L);
        assertThat(days.get(0).path().getFileName().toString()).isEqualTo("rees46-2020-May-day-1.csv");
        assertThat(Files.readAllLines(days.get(0).path())).containsExactly(HEADER, ROWS.get(0), ROWS.get(1),
                ROWS.get(3));
        assertThat(Files.readAllLines(days.get(1).path())).containsExactly(HEADER, ROWS.get(2));
    }

    @Test
    void gzipStaysGzipAndAShortMonthGivesFewerDays() throws Exception {
        Path month = TestFolders.create("bench-days").resolve("rees46-2020-May.csv.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(month))) {
            out.write((HEADER + "\n" + String.join("\n", ROWS) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        List<IncrementalBench.DayFile> days = IncrementalBench.firstDays(month, 5);

        assertThat(days).extracting(day -> day.path().getFileName().toString()).containsExactly(
                "rees46-2020-May-day-1.csv.gz", "rees46-2020-May-day-2.csv.gz", "rees46-2020-May-day-3.csv.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(days.get(2).path()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(HEADER + "\n" + ROWS.get(4)
                    + "\n");
        }
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(IncrementalBench.median(List.of(2.3, 1.7, 1.9))).isEqualTo(1.9);
        assertThat(IncrementalBench.median(List.of(2.0, 1.0, 4.0, 3.0))).isEqualTo(2.5);
    }
}
