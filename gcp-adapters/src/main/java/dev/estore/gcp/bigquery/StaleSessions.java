package dev.estore.gcp.bigquery;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Ends the BigQuery sessions an instance left open when it died between BEGIN and COMMIT (OOM, scale-in): BigQuery
 * keeps such a session's transaction open until the session expires, up to 24 hours, and other DML on its tables
 * fails meanwhile (the raw tables, the ledger, the snapshots). At startup, every session of this app's identity
 * still active but untouched for {@code estore.bigquery.stale-session-after} is aborted, which rolls its
 * transaction back; this code's transactions send a statement every few seconds to minutes, so a session idle
 * that long has no live owner.
 */
@ApplicationScoped
public class StaleSessions {

    private static final Logger LOG = Logger.getLogger(StaleSessions.class);

    private final BigQueryWarehouse warehouse;
    private final String location;
    private final Duration after;

    @Inject
    public StaleSessions(BigQueryWarehouse warehouse, BigQueryConfig config) {
        this(warehouse, config.location(), config.staleSessionAfter());
    }

    StaleSessions(BigQueryWarehouse warehouse, String location, Duration after) {
        this.warehouse = warehouse;
        this.location = location;
        this.after = after;
    }

    void atStartup(@Observes StartupEvent startup) {
        if (after.isZero() || after.isNegative()) {
            return; // turned off: a command-line run (./estore cloud) must not abort its user's other sessions
        }
        try {
            List<String> aborted = abort();
            if (!aborted.isEmpty()) {
                LOG.warnf("Aborted %d BigQuery session(s) left open by an earlier instance (their transactions are "
                        + "rolled back and their tables writable again): %s", aborted.size(), aborted);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not look for BigQuery sessions an earlier instance left open (%s). If DML fails with "
                    + "'concurrent update', abort them: CALL BQ.ABORT_SESSION('<session id>') for each active one in "
                    + "`region-%s.INFORMATION_SCHEMA.SESSIONS_BY_USER`", e.getMessage(), location.toLowerCase(Locale.ROOT));
        }
    }

    /** Aborts this identity's sessions idle for longer than the setting; returns the ids it aborted. */
    public List<String> abort() {
        List<String> stale = warehouse.query(staleSessionsSql(location), after.toSeconds()).stream()
                .map(row -> (String) row.get("session_id")).toList();
        List<String> aborted = new java.util.ArrayList<>();
        for (String session : stale) {
            try {
                warehouse.executeAtomically(List.of("CALL BQ.ABORT_SESSION(" + BigQueryWarehouse.literal(session)
                        + ")"));
                aborted.add(session);
            } catch (RuntimeException e) { // it may have ended since the list was read; the others still go
                LOG.warnf("BigQuery session %s was not aborted: %s", session, e.getMessage());
            }
        }
        return aborted;
    }

    /** INFORMATION_SCHEMA.SESSIONS_BY_USER lists the sessions of the identity that asks, in one location. */
    static String staleSessionsSql(String location) {
        return "SELECT session_id FROM `region-" + location.toLowerCase(Locale.ROOT)
                + ".INFORMATION_SCHEMA.SESSIONS_BY_USER` WHERE is_active AND last_modified_time < "
                + "TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL ? SECOND) ORDER BY creation_time";
    }
}
