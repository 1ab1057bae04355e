package dev.pollfeed.db;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Recognizes a failure caused by a pooled connection that died while nobody was using it: a Lambda environment
 * frozen between invocations, an RDS Proxy or NAT idle timeout, a database failover or restart. Such a failure says
 * nothing about the request, so a read may be retried on a fresh connection.
 */
public final class StaleConnections {

    /** admin_shutdown, crash_shutdown, cannot_connect_now, and the connection_exception class. */
    private static final Set<String> STALE_STATES = Set.of("57P01", "57P02", "57P03");

    /**
     * Retries of a read that met a dead connection. Connections die together (a Lambda environment thawed after a
     * freeze, a failover), and a failed attempt takes only its own connection out of the pool: a Lambda pool holds
     * two, so the third attempt is the first sure to get a new one. (With one retry, a poll after its backends were
     * terminated met a second dead connection and failed, once, in StaleConnectionTest on CI.)
     */
    public static final int RETRIES = 2;

    /**
     * Pause before a retry: the pool learns that a connection closed from an event that may still be queued when the
     * failure arrives, and a retry sent at once can be handed the same dead connection again.
     */
    public static final Duration BACK_OFF = Duration.ofMillis(10);

    private StaleConnections() {
    }

    public static boolean isStale(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedConnectionException || t instanceof IOException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (STALE_STATES.contains(pg.getSqlState()) || pg.getSqlState().startsWith("08"))) {
                return true;
            }
            if (t.getClass().getName().equals("io.vertx.core.VertxException")
                    && String.valueOf(t.getMessage()).toLowerCase().contains("closed")) {
                return true;
            }
        }
        return false;
    }
}
