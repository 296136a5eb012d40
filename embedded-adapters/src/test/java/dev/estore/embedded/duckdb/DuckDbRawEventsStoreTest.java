package dev.estore.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.estore.shared.contracts.ObjectRef;
import dev.estore.shared.loading.RowRules;
import dev.estore.shared.ports.RawEventsStore.AlreadyLoaded;
import dev.estore.shared.ports.RawEventsStore.LoadOutcome;
import dev.estore.shared.ports.RawEventsStore.LoadRecord;
import dev.estore.shared.ports.RawEventsStore.LoadRequest;
import dev.estore.shared.ports.RawEventsStore.LoadStatus;
import dev.estore.shared.ports.RawEventsStore.Loaded;
import dev.estore.shared.ports.RawEventsStore.RejectedRow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbRawEventsStoreTest {

    static final String HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n";
    static final String GOOD = "2019-10-01 00:00:%02d UTC,view,1000%d,2053013555631882655,electronics.smartphone,"
            + "samsung,10.50,5000%d,6a1b2c3d-0000-4000-8000-00000000000%d\n";

    @TempDir
    Path dir;
    DuckDbDatabase database;
    DuckDbRawEventsStore store;
    DuckDbWarehouse warehouse;

    @BeforeEach
    void open() {
        database = TestDatabases.in(dir);
        store = new DuckDbRawEventsStore(database);
        warehouse = new DuckDbWarehouse(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void loadsGoodRowsWithLineageAndRecordsTheLedger() throws IOException {
        Path file = write("ok.csv", HEADER + good(1) + good(2) + good(3));
        Loaded loaded = (Loaded) store.load(request("load-1", "ok.csv", 7, file));

        LoadRecord record = loaded.record();
        assertThat(record.status()).isEqualTo(LoadStatus.LOADED);
        assertThat(record.rowsLoaded()).isEqualTo(3);
        assertThat(record.rowsRejected()).isZero();
        assertThat(record.minEventTime()).isEqualTo(Instant.parse("2019-10-01T00:00:01Z"));
        assertThat(record.maxEventTime()).isEqualTo(Instant.parse("2019-10-01T00:00:03Z"));
        assertThat(loaded.replacedGeneration()).isNull();
        Map<String, Object> row = warehouse.query("SELECT * FROM raw.events ORDER BY event_time LIMIT 1").get(0);
        assertThat(row).containsEntry("source_bucket", "bucket").containsEntry("source_object", "ok.csv")
                .containsEntry("source_generation", 7L).containsEntry("load_id", "load-1")
                .containsEntry("brand", "samsung").containsEntry("product_id", 10001L);
        assertThat(row.get("price").toString()).isEqualTo("10.50");
        assertThat(store.find("load-1")).contains(record);
    }

    @Test
    void malformedRowsGoToRejectsWithTheirFileLineAndTheGoodRowsLoad() throws IOException {
        String content = HEADER
                + good(1)                                                         // line 2
                + "2019-10-01 00:00:02 UTC,view,abc,1,,,1.00,5,s\n"               // line 3: product_id not int
                + "2019-10-01 00:00:03 UTC,,3,1,,,1.00,5,s\n"                      // line 4: empty event_type
                + "yesterday,view,4,1,,,1.00,5,s\n"                                // line 5: bad event_time
                + "2019-10-01 00:00:05 UTC,cart,5,1,,,-3.00,5,s\n"                 // line 6: negative price
                + "2019-10-01 00:00:06 UTC,view,6,1\n"                             // line 7: too few fields
                + good(7)                                                         // line 8
                + "2019-10-01 00:00:08 UTC,view,8,1,,b\u0000,1.00,5,s,extra\n"     // line 9: too many fields
                + "2019-10-01 00:00:09 UTC,view,9,1,,,1.00,5,s\n"                  // line 10: ok (empty session ok)
                + "2019-10-01 00:00:10 UTC,view,10,1,,,not-a-price,5,s\n"          // line 11: price not a number
                + ",view,11,1,,,1.00,5,s\n";                                       // line 12: empty event_time
        Path file = dir.resolve("mixed.csv");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(file, withInvalidUtf8Line(bytes));                           // line 13: invalid UTF-8
        Loaded loaded = (Loaded) store.load(request("load-2", "mixed.csv", 1, file));

        assertThat(loaded.record().rowsLoaded()).isEqualTo(3);
        List<RejectedRow> rejects = store.rejects("load-2", 100);
        assertThat(rejects).extracting(RejectedRow::line).containsExactly(3L, 4L, 5L, 6L, 7L, 9L, 11L, 12L, 13L);
        assertThat(loaded.record().rowsRejected()).isEqualTo(9);
        assertThat(reasonAt(rejects, 3)).contains("product_id").contains("abc");
        assertThat(reasonAt(rejects, 4)).contains("event_type is empty");
        assertThat(reasonAt(rejects, 5)).contains("event_time");
        assertThat(reasonAt(rejects, 6)).contains("price is negative");
        assertThat(reasonAt(rejects, 7)).containsIgnoringCase("columns");
        assertThat(reasonAt(rejects, 9)).containsIgnoringCase("columns");
        assertThat(reasonAt(rejects, 11)).contains("price");
        assertThat(reasonAt(rejects, 12)).contains("event_time is empty");
        assertThat(reasonAt(rejects, 13)).containsIgnoringCase("unicode");
        assertThat(rejects.get(0).rawLine()).contains("abc");
        assertThat(rejects).allSatisfy(reject -> assertThat(reject.object()).isEqualTo("mixed.csv"));
        assertThat(warehouse.query("SELECT product_id FROM raw.events ORDER BY product_id"))
                .extracting(row -> row.get("product_id")).containsExactly(9L, 10001L, 10007L);
    }

    @Test
    void rejectsAfterAQuotedNewlineAreNumberedByThePhysicalLineTheirRecordStartsOn() throws IOException {
        Path file = write("quoted.csv", HEADER                                   // line 1
                + "2019-10-01 00:00:01 UTC,view,1,2,\"two\nlines\",,1.00,5,s\n"  // lines 2-3: one record
                + "2019-10-01 00:00:02 UTC,view,abc,1,,,1.00,5,s\n"              // line 4: reader reject
                + "2019-10-01 00:00:03 UTC,view,3,1,\"a \"\"quoted\"\"\nb\",,1.00,5,s\n" // lines 5-6
                + "2019-10-01 00:00:04 UTC,cart,4,1,,,-3.00,5,s\n"               // line 7: rule reject
                + "2019-10-01 00:00:05 UTC,view,5,1\n");                          // line 8: too few fields
        Loaded loaded = (Loaded) store.load(request("load-quoted", "quoted.csv", 1, file));

        assertThat(loaded.record().rowsLoaded()).isEqualTo(2);
        assertThat(store.rejects("load-quoted", 10)).extracting(RejectedRow::line).containsExactly(4L, 7L, 8L);
    }

    @Test
    void aLineLongerThanTheReaderTakesIsRejectedWithAReason() throws IOException {
        Path file = write("long.csv", HEADER + good(1)
                + "2019-10-01 00:00:02 UTC,view,2,1,\"" + "x".repeat(3_000_000) + "\",,1.00,5,s\n" + good(3));
        Loaded loaded = (Loaded) store.load(request("load-long", "long.csv", 1, file));

        assertThat(loaded.record().rowsLoaded()).isEqualTo(2);
        assertThat(store.rejects("load-long", 10)).singleElement().satisfies(reject -> {
            assertThat(reject.line()).isEqualTo(3L);
            assertThat(reject.reason()).isNotBlank().containsIgnoringCase("maximum");
        });
    }

    @Test
    void rowsWithoutUserOrCategoryOrWithAQuotedEmptyTypeAreRefusedButAnEmptyProductIdLoads() throws IOException {
        Path file = write("ids.csv", HEADER
                + "2019-10-01 00:00:01 UTC,view,1,2,,,1.00,,s\n"                 // line 2: no user_id
                + "2019-10-01 00:00:02 UTC,view,1,,,,1.00,5,s\n"                 // line 3: no category_id
                + "2019-10-01 00:00:03 UTC,\"\",1,2,,,1.00,5,s\n"               // line 4: quoted empty type
                + "2019-10-01 00:00:04 UTC,view,,2,,,1.00,5,s\n");               // line 5: no product_id: kept
        Loaded loaded = (Loaded) store.load(request("load-ids", "ids.csv", 1, file));

        assertThat(loaded.record().rowsLoaded()).isEqualTo(1);
        List<RejectedRow> rejects = store.rejects("load-ids", 10);
        assertThat(rejects).extracting(RejectedRow::line).containsExactly(2L, 3L, 4L);
        assertThat(rejects).extracting(RejectedRow::reason).containsExactly("RULE: user_id is empty",
                "RULE: category_id is empty", "RULE: event_type is empty");
    }

    @Test
    void everyRuleOfRowRulesRefusesItsRowsWithItsReasonInRuleOrder() throws IOException {
        Path file = write("rules.csv", HEADER
                + ",view,1,2,,,1.00,5,s\n"                                       // line 2: no event_time
                + "2019-10-01 00:00:02 UTC,,1,2,,,1.00,5,s\n"                    // line 3: no event_type
                + "2019-10-01 00:00:03 UTC,view,1,2,,,1.00,,s\n"                 // line 4: no user_id
                + "2019-10-01 00:00:04 UTC,view,1,,,,1.00,5,s\n"                 // line 5: no category_id
                + "2019-10-01 00:00:05 UTC,view,1,2,,,-1.50,5,s\n"               // line 6: negative price
                + "2019-10-01 00:00:06 UTC,view,1,,,,-1.50,,s\n"                 // line 7: user_id comes first
                + "2019-10-01 00:00:07 UTC,view,1,2,,,0.00,5,s\n");              // line 8: a free item loads
        Loaded loaded = (Loaded) store.load(request("load-rules", "rules.csv", 1, file));

        assertThat(loaded.record().rowsLoaded()).isEqualTo(1);
        assertThat(loaded.record().rowsRejected()).isEqualTo(RowRules.RULES.size() + 1);
        assertThat(store.rejects("load-rules", 10)).extracting(RejectedRow::line, RejectedRow::reason).containsExactly(
                tuple(2L, "RULE: event_time is empty"), tuple(3L, "RULE: event_type is empty"),
                tuple(4L, "RULE: user_id is empty"), tuple(5L, "RULE: category_id is empty"),
                tuple(6L, "RULE: price is negative (-1.50)"), tuple(7L, "RULE: user_id is empty"));
    }

    @Test
    void lineNumbersStayExactInALargeFileReadInParallel() throws IOException {
        StringBuilder content = new StringBuilder(HEADER);
        List<Long> badLines = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            long line = i + 2;
            if (i % 50_000 == 49_999) {
                content.append("2019-10-01 00:00:00 UTC,view,oops,1,,,1.00,5,s\n");
                badLines.add(line);
            } else if (i % 70_000 == 69_999) {
                content.append("2019-10-01 00:00:00 UTC,view,").append(i).append(",1,,,-1.00,5,s\n");
                badLines.add(line);
            } else {
                content.append("2019-10-01 00:00:00 UTC,view,").append(i).append(",1,,,1.00,5,s\n");
            }
        }
        Path file = write("big.csv", content.toString());
        Loaded loaded = (Loaded) store.load(request("load-big", "big.csv", 1, file));

        assertThat(loaded.record().rowsLoaded()).isEqualTo(300_000 - badLines.size());
        assertThat(store.rejects("load-big", 100)).extracting(RejectedRow::line)
                .containsExactlyElementsOf(badLines.stream().sorted().toList());
        for (RejectedRow reject : store.rejects("load-big", 100)) {
            if (reject.reason().contains("negative")) {
                assertThat(reject.rawLine()).contains("," + (reject.line() - 2) + ",");
            }
        }
    }

    @Test
    void theSameGenerationIsLoadedOnlyOnce() throws IOException {
        Path file = write("once.csv", HEADER + good(1) + good(2));
        store.load(request("load-a", "once.csv", 5, file));
        LoadOutcome again = store.load(request("load-b", "once.csv", 5, file));

        assertThat(again).isInstanceOf(AlreadyLoaded.class);
        assertThat(((AlreadyLoaded) again).existing().loadId()).isEqualTo("load-a");
        assertThat(count("raw.events")).isEqualTo(2);
        assertThat(store.find("load-b")).isEmpty();
    }

    @Test
    void aNewGenerationReplacesTheObjectsEarlierRowsAndSoDoesACopyBackOfAnOlderOne() throws IOException {
        Path first = write("month.csv", HEADER + good(1) + good(2) + good(3));
        store.load(request("load-g1", "month.csv", 1, first));
        Path second = write("month-v2.csv", HEADER + good(4));
        Loaded replaced = (Loaded) store.load(request("load-g2", "month.csv", 2, second));

        assertThat(replaced.replacedGeneration()).isEqualTo(1L);
        assertThat(count("raw.events")).isEqualTo(1);
        assertThat(store.find("load-g1").orElseThrow().status()).isEqualTo(LoadStatus.SUPERSEDED);
        assertThat(store.completedLoadOf(new ObjectRef("bucket", "month.csv", 2)).orElseThrow().loadId())
                .isEqualTo("load-g2");

        // The first version copied back with its old modification time is the current content again.
        Loaded copiedBack = (Loaded) store.load(request("load-g1-again", "month.csv", 1, first));
        assertThat(copiedBack.replacedGeneration()).isEqualTo(2L);
        assertThat(count("raw.events")).isEqualTo(3);
        assertThat(store.find("load-g2").orElseThrow().status()).isEqualTo(LoadStatus.SUPERSEDED);
    }

    @Test
    void aLoadThatFailsMidwayLeavesTheEarlierGenerationIntact() throws IOException {
        Path first = write("keep.csv", HEADER + good(1) + good(2));
        store.load(request("load-ok", "keep.csv", 1, first));

        Path missing = dir.resolve("no-such-file.csv");
        assertThatThrownBy(() -> store.load(request("load-broken", "keep.csv", 2, missing)))
                .isInstanceOf(WarehouseException.class).hasMessageContaining("keep.csv");

        assertThat(count("raw.events")).isEqualTo(2);
        assertThat(store.find("load-ok").orElseThrow().status()).isEqualTo(LoadStatus.LOADED);
        assertThat(store.find("load-broken")).isEmpty();
    }

    @Test
    void emptyAndHeaderOnlyFilesLoadZeroRowsWithoutError() throws IOException {
        Loaded empty = (Loaded) store.load(request("load-empty", "empty.csv", 1, write("empty.csv", "")));
        Loaded headerOnly = (Loaded) store.load(request("load-header", "header.csv", 1, write("header.csv", HEADER)));

        assertThat(empty.record().rowsLoaded()).isZero();
        assertThat(headerOnly.record().rowsLoaded()).isZero();
        assertThat(headerOnly.record().rowsRejected()).isZero();
        assertThat(store.recent(10)).extracting(LoadRecord::status).containsOnly(LoadStatus.LOADED);
    }

    @Test
    void gzippedFilesLoad() throws IOException {
        Path file = dir.resolve("month.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((HEADER + good(1) + good(2)).getBytes(StandardCharsets.UTF_8));
        }
        Loaded loaded = (Loaded) store.load(new LoadRequest("load-gz", new ObjectRef("bucket", "month.csv.gz", 1),
                file.toString(), true));
        assertThat(loaded.record().rowsLoaded()).isEqualTo(2);
    }

    @Test
    void recordsQuarantinedAndFailedLoadsWithoutRows() {
        Instant now = Instant.now();
        store.recordWithoutRows(new LoadRecord("load-q", new ObjectRef("bucket", "bad.csv", 3),
                LoadStatus.QUARANTINED, 0, 0, null, null, now, now, "header does not match"));

        assertThat(store.completedLoadOf(new ObjectRef("bucket", "bad.csv", 3))).isPresent();
        assertThat(store.find("load-q").orElseThrow().reason()).isEqualTo("header does not match");
    }

    private static String good(int i) {
        return GOOD.formatted(i, i, i, i);
    }

    private static byte[] withInvalidUtf8Line(byte[] content) {
        byte[] line = "2019-10-01 00:00:13 UTC,view,13,1,,XX,1.00,5,s\n".getBytes(StandardCharsets.US_ASCII);
        int brand = "2019-10-01 00:00:13 UTC,view,13,1,,".length();
        line[brand] = (byte) 0xff;
        line[brand + 1] = (byte) 0xfe;
        byte[] all = new byte[content.length + line.length];
        System.arraycopy(content, 0, all, 0, content.length);
        System.arraycopy(line, 0, all, content.length, line.length);
        return all;
    }

    private static String reasonAt(List<RejectedRow> rejects, long line) {
        return rejects.stream().filter(reject -> reject.line() == line).findFirst().orElseThrow().reason();
    }

    private LoadRequest request(String loadId, String name, long generation, Path file) {
        return new LoadRequest(loadId, new ObjectRef("bucket", name, generation), file.toString(), false);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private long count(String relation) {
        return ((Number) warehouse.query("SELECT count(*) AS n FROM " + relation).get(0).get("n")).longValue();
    }
}
