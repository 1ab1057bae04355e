package dev.pollfeed.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import dev.pollfeed.db.DatabaseFailures.Kind;
import dev.pollfeed.kernel.Unavailable;

class DatabaseFailuresTest {

    @Test
    void sqlStatesOfInfrastructureFaultsAre503s() {
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(pg("57P01")));
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(pg("57P02")));
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(pg("57P03")));
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(pg("08006")));
        assertEquals(Kind.OVERLOADED, DatabaseFailures.classify(pg("53300")));
        assertEquals(Kind.OVERLOADED, DatabaseFailures.classify(pg("53100")));
        assertEquals(Kind.TIMEOUT, DatabaseFailures.classify(pg("57014")));
        assertEquals(Kind.CONFLICT, DatabaseFailures.classify(pg("40P01")));
        assertEquals(Kind.CONFLICT, DatabaseFailures.classify(new CompletionException(pg("40001"))));
    }

    @Test
    void otherSqlStatesAreNot() {
        assertNull(DatabaseFailures.classify(pg("42P01")));
        assertNull(DatabaseFailures.classify(pg("XX000")));
        assertNull(DatabaseFailures.classify(new IllegalStateException("a bug")));
    }

    @Test
    void brokenConnectionsAndTimeoutsAre503s() {
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(new ConnectException("Connection refused")));
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(new SocketException("Connection reset")));
        assertEquals(Kind.UNAVAILABLE, DatabaseFailures.classify(ClosedConnectionException.INSTANCE));
        assertEquals(Kind.TIMEOUT, DatabaseFailures.classify(new TimeoutException("deadline")));
    }

    @Test
    void aPublishHasAnUnknownOutcomeOnlyWhenItMayHaveReachedTheDatabase() {
        assertTrue(DatabaseFailures.outcomeUnknown(new SocketException("Connection reset")));
        assertTrue(DatabaseFailures.outcomeUnknown(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseFailures.outcomeUnknown(new TimeoutException("deadline")));
        assertFalse(DatabaseFailures.outcomeUnknown(new ConnectException("Connection refused")), "never sent");
        assertFalse(DatabaseFailures.outcomeUnknown(pg("57014")), "PostgreSQL said it failed");
        assertFalse(DatabaseFailures.outcomeUnknown(pg("57P01")), "PostgreSQL said it failed");
    }

    @Test
    void onlyConflictsThatRolledBackAreRetried() {
        assertTrue(DatabaseFailures.isRetryableConflict(pg("40P01")));
        assertTrue(DatabaseFailures.isRetryableConflict(pg("40001")));
        assertFalse(DatabaseFailures.isRetryableConflict(pg("55P03")));
        assertFalse(DatabaseFailures.isRetryableConflict(new SocketException("Connection reset")));
    }

    @Test
    void theFaultCarriesRetryAfter() {
        Unavailable fault = DatabaseFailures.unavailable(Kind.TIMEOUT);
        assertEquals("timeout", fault.slug());
        assertEquals(1, fault.retryAfterSeconds());
    }

    private static PgException pg(String state) {
        return new PgException("failure " + state, "ERROR", state, null);
    }
}
