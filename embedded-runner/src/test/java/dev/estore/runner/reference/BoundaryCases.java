package dev.estore.runner.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A small hand-written source file that puts events exactly on the spec's boundaries and tie-breaks, which random
 * data rarely hits: a gap of exactly the session timeout, ties at one instant after a timeout, a session shared by
 * users whose ids order differently as text and as numbers, product and category ties, half-cent averages, and
 * customers exactly at the activity and cohort thresholds. Ids are far from the generator's (9-digit users, 8-digit
 * products), and every day lies inside the generated span, whose last day {@link #LAST_DAY} all day counts use.
 */
public final class BoundaryCases {

    /** The newest event_date (and first purchase) of the generated data plus this file. */
    public static final LocalDate LAST_DAY = LocalDate.of(2020, 4, 30);

    private static final String HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final StringBuilder csv = new StringBuilder(HEADER);

    private BoundaryCases() {
    }

    public static void write(Path file) throws IOException {
        BoundaryCases cases = new BoundaryCases();
        cases.sessions();
        cases.productsAndCategories();
        cases.money();
        cases.activity();
        cases.cohorts();
        Files.writeString(file, cases.csv, StandardCharsets.UTF_8);
    }

    private void sessions() {
        LocalDateTime t0 = LocalDateTime.of(2020, 2, 3, 10, 0, 0);
        // exactly the timeout: no split; one second more: a split; three events at one instant after a timeout
        event(t0, "view", 1, 30, "edge.session", "acme", "1.00", "9001", "edge-split");
        event(t0.plusSeconds(3600), "view", 2, 30, "edge.session", "acme", "1.00", "9001", "edge-split");
        event(t0.plusSeconds(7201), "cart", 1, 30, "edge.session", "acme", "1.00", "9001", "edge-split");
        event(t0.plusSeconds(10_802), "view", 3, 30, "edge.session", "acme", "1.00", "9001", "edge-split");
        event(t0.plusSeconds(10_802), "cart", 3, 30, "edge.session", "acme", "1.00", "9001", "edge-split");
        event(t0.plusSeconds(10_802), "purchase", 3, 30, "edge.session", "acme", "1.00", "9001", "edge-split");
        event(t0.plusSeconds(10_803), "view", 2, 30, "edge.session", "acme", "1.00", "9001", "edge-split");
        // a session across midnight after a timeout: its start date is the day it starts
        event(LocalDateTime.of(2020, 2, 4, 23, 59, 59), "view", 2, 30, "edge.session", "acme", "1.00", "9001",
                "edge-split");
        event(LocalDateTime.of(2020, 2, 5, 0, 0, 1), "view", 1, 30, "edge.session", "acme", "1.00", "9001",
                "edge-split");
        // one user_session, two users: max(user_id) as text is "9" (not "10"); "10" keeps no session of its own
        event(t0, "view", 4, 30, "edge.session", "acme", "2.00", "9", "edge-shared");
        event(t0.plusSeconds(5), "purchase", 4, 30, "edge.session", "acme", "2.00", "10", "edge-shared");
        // events per session: 201 is more than session_outlier_ratio, 200 is not
        for (int i = 0; i < 201; i++) {
            event(t0.plusDays(1).plusSeconds(10L * i), "view", 5, 30, "edge.session", "acme", "3.00", "9002",
                    "edge-heavy");
        }
        for (int i = 0; i < 200; i++) {
            event(t0.plusDays(2).plusSeconds(10L * i), "view", 5, 30, "edge.session", "acme", "3.00", "9003",
                    "edge-busy");
        }
    }

    private void productsAndCategories() {
        LocalDateTime t = LocalDateTime.of(2020, 2, 6, 9, 0, 0);
        // product 11: (NULL brand, 10) once and (acme, 10) once: a non-null brand wins the tie
        event(t, "view", 11, 10, "", "", "4.00", "9010", "edge-products");
        event(t.plusSeconds(1), "view", 11, 10, "", "acme", "4.00", "9010", "edge-products");
        // product 12: (acme, 10) and (acme, 9): the smaller id as a number is 9 (as text it would be 10)
        event(t.plusSeconds(2), "view", 12, 10, "", "acme", "4.00", "9010", "edge-products");
        event(t.plusSeconds(3), "view", 12, 9, "Zeta.A", "acme", "4.00", "9010", "edge-products");
        // product 13: (NULL, 11) once and (bolt, 12) once: the brand rule comes before the category rule (two
        // different brands cannot tie: staging drops a product with more than one brand)
        event(t.plusSeconds(4), "view", 13, 11, "a.b.c.d.e", "", "4.00", "9010", "edge-products");
        event(t.plusSeconds(5), "view", 13, 12, "a..c", "bolt", "4.00", "9010", "edge-products");
        // product 14: count beats every tie-break: (NULL, 10) twice against (acme, 9) once
        event(t.plusSeconds(6), "view", 14, 10, "", "", "4.00", "9010", "edge-products");
        event(t.plusSeconds(7), "cart", 14, 10, "", "", "4.00", "9010", "edge-products");
        event(t.plusSeconds(8), "view", 14, 9, "", "acme", "4.00", "9010", "edge-products");
        // category 9: codes "zeta.a", NULL and "alpha.b.c.d.e": the greatest code wins over NULL
        event(t.plusSeconds(9), "view", 15, 9, "alpha.b.c.d.e", "", "4.00", "9010", "edge-products");
    }

    private void money() {
        LocalDateTime t = LocalDateTime.of(2020, 2, 7, 12, 0, 0);
        // averages that end in half a cent: 0.015 -> 0.02 and 0.075 -> 0.08 (0.07 in binary floating point)
        purchase(t, "0.01", "9020");
        purchase(t.plusSeconds(1), "0.02", "9020");
        purchase(t, "0.05", "9021");
        purchase(t.plusSeconds(1), "0.10", "9021");
        // 3.01 / 3 = 1.00333.. -> 1.00; 2.02 / 3 = 0.67333.. -> 0.67; 1.25 / 2 = 0.625 -> 0.63
        purchase(t, "1.00", "9022");
        purchase(t.plusSeconds(1), "1.00", "9022");
        purchase(t.plusSeconds(2), "1.01", "9022");
        purchase(t, "0.67", "9023");
        purchase(t.plusSeconds(1), "0.67", "9023");
        purchase(t.plusSeconds(2), "0.68", "9023");
        purchase(t, "0.62", "9024");
        purchase(t.plusSeconds(1), "0.63", "9024");
        // a free purchase: revenue 0.00 is a purchase with revenue, not a missing one
        purchase(t, "0.00", "9025");
        // an empty price loads as NULL: a customer without revenue, and one whose average ignores the unpriced one
        purchase(t, "", "9050");
        purchase(t, "", "9051");
        purchase(t.plusSeconds(1), "4.00", "9051");
    }

    private void activity() {
        // days since the last purchase, measured to LAST_DAY: 30 active, 31 declining, 45 declining,
        // 46 at_risk, 60 at_risk, 61 (and no activity after) churned, 61 with activity 60 days ago at_risk
        purchaseOn(LAST_DAY.minusDays(30), "9030");
        purchaseOn(LAST_DAY.minusDays(31), "9031");
        purchaseOn(LAST_DAY.minusDays(45), "9032");
        purchaseOn(LAST_DAY.minusDays(46), "9033");
        purchaseOn(LAST_DAY.minusDays(60), "9034");
        purchaseOn(LAST_DAY.minusDays(61), "9035");
        purchaseOn(LAST_DAY.minusDays(61), "9036");
        event(LAST_DAY.minusDays(60).atTime(8, 0), "view", 21, 31, "edge.activity", "acme", "9.00", "9036",
                "edge-activity-9036b");
        // two purchases on one day: the lifespan is at least 1
        purchaseOn(LAST_DAY.minusDays(70), "9037");
        event(LAST_DAY.minusDays(70).atTime(13, 0), "purchase", 21, 31, "edge.activity", "acme", "9.00", "9037",
                "edge-activity-9037");
    }

    private void cohorts() {
        // The newest first purchase is LAST_DAY; eligible is 90 days or more before it.
        purchaseOn(LAST_DAY, "9040");
        purchaseOn(LAST_DAY.minusDays(90), "9041");                 // eligible, one purchase: churned
        purchaseOn(LAST_DAY.minusDays(89), "9042");                 // not eligible
        // first and last purchase 90 days apart: churned; 91 days apart: retained
        purchaseOn(LocalDate.of(2019, 11, 1), "9043");
        purchaseOn(LocalDate.of(2019, 11, 1).plusDays(90), "9043");
        purchaseOn(LocalDate.of(2019, 11, 1), "9044");
        purchaseOn(LocalDate.of(2019, 11, 1).plusDays(91), "9044");
        // two more customers, so that the customer count is not a multiple of 5 and NTILE has uneven buckets
        purchaseOn(LocalDate.of(2019, 12, 24), "9045");
        purchaseOn(LocalDate.of(2019, 12, 24), "9046");
    }

    private void purchase(LocalDateTime time, String price, String user) {
        event(time, "purchase", 20, 31, "edge.money", "acme", price, user, "edge-money-" + user);
    }

    private void purchaseOn(LocalDate day, String user) {
        event(day.atTime(12, 0), "purchase", 21, 31, "edge.activity", "acme", "9.00", user,
                "edge-activity-" + user + "-" + day);
    }

    private void event(LocalDateTime time, String type, long product, long category, String code, String brand,
            String price, String user, String session) {
        csv.append(String.join(",", TIME.format(time), type, Long.toString(product), Long.toString(category), code,
                brand, price, user, session)).append('\n');
    }
}
