package dev.pollfeed.db;

import java.io.IOException;
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
