package dev.estore.shared.contracts;

import java.time.Instant;
import java.util.List;

/** The semantic layer was validated against the warehouse and published (and the BI tool refreshed). */
public record SemanticLayerSynced(String syncId, String trigger, List<String> topics, int views, boolean biRefreshed,
        Instant syncedAt) {
}
