package dev.pollfeed.db;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import dev.pollfeed.kernel.Unavailable;

/**
 * Which database failures are infrastructure faults, {@link Unavailable} (a 503 with {@code Retry-After}, never 500):
 * the request was fine and a retry may succeed. Sorted by SQLSTATE class where PostgreSQL answered, by exception where it could not.
 */
public final class DatabaseFailures {

    /** What the client is told; each is {@link Unavailable}. */
    public enum Kind {

        /** Unreachable, restarting, shutting down, or the connection broke. */
        UNAVAILABLE("unavailable", "The database is not reachable right now; retry later."),
        /** Out of connections, memory or disk (class 53), or this server's queue in front of it is full. */
        OVERLOADED("overloaded", "The service is overloaded right now; retry later."),
        /** The database did not answer within the request's deadline; the statement was cancelled. */
        TIMEOUT("timeout", "The database did not answer in time; retry later."),
        /** A serialization failure or deadlock that retries did not resolve. */
        CONFLICT("conflict", "The request met a concurrent one in the database; retry.");

        final String slug;
        final String detail;

        Kind(String slug, String detail) {
            this.slug = slug;
            this.detail = detail;
        }
    }

    /** admin_shutdown, crash_shutdown, cannot_connect_now; read-only transaction (a failover in progress). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "25006");
    /** serialization_failure, deadlock_detected, lock_not_available. */
    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "55P03");
    /** Failures raised before or around a connection, by class name (no SQLSTATE to go by). */
    private static final Set<String> UNAVAILABLE_CAUSES = Set.of("io.vertx.core.impl.NoStackTraceThrowable",
            "io.vertx.core.VertxException", "io.netty.channel.ConnectTimeoutException",
            "io.vertx.core.impl.NoStackTraceTimeoutException");

    private DatabaseFailures() {
    }

    /** The kind of infrastructure fault, or null when the failure is something else. */
    public static Kind classify(Throwable failure) {
        String state = sqlState(failure);
        if (state != null) {
            if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state) || state.startsWith("58")) {
                return Kind.UNAVAILABLE;
            }
            if (state.startsWith("53")) {
                return Kind.OVERLOADED;
            }
            if (state.equals("57014")) {
                return Kind.TIMEOUT; // query_canceled: statement_timeout, or this server's cancel request
            }
            return CONFLICT_STATES.contains(state) ? Kind.CONFLICT : null;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                return Kind.TIMEOUT;
            }
            if (t.getClass().getName().equals("io.vertx.core.http.ConnectionPoolTooBusyException")) {
                return Kind.OVERLOADED;
            }
            if (t instanceof IOException || t instanceof ClosedConnectionException
                    || UNAVAILABLE_CAUSES.contains(t.getClass().getName())) {
                return Kind.UNAVAILABLE;
            }
        }
        return null;
    }

    /** A serialization failure or deadlock: the transaction rolled back, so running it again is safe. */
    public static boolean isRetryableConflict(Throwable failure) {
        String state = sqlState(failure);
        return "40001".equals(state) || "40P01".equals(state);
    }

    /**
     * The connection broke or the answer did not come in time, without PostgreSQL saying the statement failed: a
     * write sent before may have committed.
     */
    public static boolean outcomeUnknown(Throwable failure) {
        Kind kind = classify(failure);
        return sqlState(failure) == null && (kind == Kind.UNAVAILABLE || kind == Kind.TIMEOUT)
                && find(failure, java.net.ConnectException.class) == null;
    }

    public static Unavailable unavailable(Kind kind) {
        return Unavailable.of(kind.slug, "Service unavailable", kind.detail, 1);
    }

    /** The SQLSTATE from the Vert.x client, or from a JDBC-style wrapping of it. */
    public static String sqlState(Throwable throwable) {
        PgException pg = find(throwable, PgException.class);
        if (pg != null) {
            return pg.getSqlState();
        }
        SQLException sql = find(throwable, SQLException.class);
        return sql == null ? null : sql.getSQLState();
    }

    /** The first of the failure's causes (itself included) of the type, or null. */
    public static <T extends Throwable> T find(Throwable throwable, Class<T> type) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
