package dev.estore.semantic.findings;

import java.io.PrintStream;

/** The findings as aligned text for the console. */
public final class FindingsText {

    private FindingsText() {
    }

    public static void print(Findings findings, PrintStream out) {
        out.println("Findings (through the semantic layer; GET /findings)");
        out.println("  1. RFM segments: customers, revenue and share of revenue");
        for (Findings.SegmentShare segment : findings.rfmSegments()) {
            out.printf("     %-22s %,10d customers (%5.1f%%) %,16.2f revenue (%5.1f%%)%n", segment.segment(),
                    segment.customers(), 100 * segment.customerShare(), segment.revenue(),
                    100 * segment.revenueShare());
        }
        Findings.Funnel funnel = findings.funnel();
        out.printf("  2. Funnel: %,d sessions, %,d with a view, %,d with a cart, %,d with a purchase%n",
                funnel.sessions(), funnel.reachedView(), funnel.reachedCart(), funnel.reachedPurchase());
        out.printf("     view->cart %s, cart->purchase %s, conversion %s, cart abandonment %s%n",
                percent(funnel.viewToCartRate()), percent(funnel.cartToPurchaseRate()),
                percent(funnel.conversionRate()), percent(funnel.cartAbandonmentRate()));
        printGroups("by visit", funnel.byVisitType(), out);
        printGroups("by RFM segment", funnel.byRfmSegment(), out);
        printGroups("by session quality", funnel.byQualityTier(), out);
        out.println("  3. Churn per RFM segment: churn rate, average sessions, average order value");
        for (Findings.SegmentChurn segment : findings.churnBySegment()) {
            out.printf("     %-22s %,10d customers  churn %s  %6.1f sessions  AOV %s%n", segment.segment(),
                    segment.customers(), percent(segment.churnRate()),
                    segment.avgSessions() == null ? 0 : segment.avgSessions(),
                    segment.avgOrderValue() == null ? "-" : String.format("%.2f", segment.avgOrderValue()));
        }
        out.println("  4. Categories (category_lvl_1): revenue, purchases, purchase rate, cart-add rate, views/session");
        for (Findings.CategoryPerformance category : findings.categories()) {
            out.printf("     %-22s %,16.2f %,9d  %s  %s  %s%n", category.category(), category.revenue(),
                    category.purchases(), percent(category.purchaseRate()), percent(category.cartAddRate()),
                    category.viewsPerSession() == null ? "-" : String.format("%.2f", category.viewsPerSession()));
        }
    }

    private static void printGroups(String label, java.util.List<Findings.GroupConversion> groups, PrintStream out) {
        StringBuilder line = new StringBuilder("     conversion " + label + ":");
        groups.forEach(group -> line.append(" ").append(group.group()).append(" ").append(percent(group.conversionRate()))
                .append(" (").append(String.format("%,d", group.sessions())).append(");"));
        out.println(line);
    }

    private static String percent(Double rate) {
        return rate == null ? "-" : String.format("%.2f%%", 100 * rate);
    }
}
