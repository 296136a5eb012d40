package dev.estore.semantic.findings;

import java.time.Instant;
import java.util.List;

/** The four answers of the findings report (spec: "The findings report"), computed through the query API. */
public record Findings(Instant computedAt, List<SegmentShare> rfmSegments, Funnel funnel,
        List<SegmentChurn> churnBySegment, List<CategoryPerformance> categories) {

    /** Customers (users with an RFM score), revenue and the shares of both per RFM segment. */
    public record SegmentShare(String segment, long customers, double customerShare, double revenue,
            double revenueShare) {
    }

    /** The session funnel overall and conversion by visit type, RFM segment and session quality tier. */
    public record Funnel(long sessions, long reachedView, long reachedCart, long reachedPurchase,
            Double viewToCartRate, Double cartToPurchaseRate, Double conversionRate, Double cartAbandonmentRate,
            List<GroupConversion> byVisitType, List<GroupConversion> byRfmSegment,
            List<GroupConversion> byQualityTier) {
    }

    public record GroupConversion(String group, long sessions, Double conversionRate) {
    }

    /** Churn rate, average sessions and average order value of the customers of each RFM segment. */
    public record SegmentChurn(String segment, long customers, Double churnRate, Double avgSessions,
            Double avgOrderValue) {
    }

    /** Per top-level category (from dim_products): revenue, purchases, rates and views per session. */
    public record CategoryPerformance(String category, double revenue, long purchases, Double purchaseRate,
            Double cartAddRate, Double viewsPerSession) {
    }
}
