package dev.pollfeed.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pollfeed.db.DatabaseFailures;
import dev.pollfeed.kernel.Refusal;
import dev.pollfeed.kernel.Refusal.Reason;
import dev.pollfeed.kernel.Unavailable;

/**
 * Domain and infrastructure failures carry no status; mapped here they must answer exactly what services and the
 * database layer answered when they threw problems themselves: each expected problem below is that old construction,
 * copied verbatim.
 */
class DomainFailureProblemsTest {

    private static final String CHALLENGE = "Bearer realm=\"pollfeed\"";

    @Test
    void accessRefusalsKeepTheirStatusAndChallenge() {
        assertSame(Problem.of(401, "unauthorized", "Unauthorized", "Send credentials.")
                .withHeader("WWW-Authenticate", CHALLENGE),
                Refusal.of(Reason.UNAUTHENTICATED, "unauthorized", "Unauthorized", "Send credentials."));
        assertSame(Problem.of(401, "invalid-credentials", "Invalid credentials", "Unknown key.")
                .withHeader("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\""),
                Refusal.of(Reason.BAD_CREDENTIALS, "invalid-credentials", "Invalid credentials", "Unknown key."));
        assertSame(Problem.of(403, "forbidden", "Forbidden", "Not this channel."),
                Refusal.of(Reason.FORBIDDEN, "forbidden", "Forbidden", "Not this channel."));
        assertSame(Problem.of(429, "rate-limited", "Too many requests", "Retry after 3 s.")
                .withHeader("Retry-After", "3"),
                Refusal.of(Reason.RATE_LIMITED, "rate-limited", "Too many requests", "Retry after 3 s.").retryAfter(3));
    }

    @Test
    void reusedIdempotencyKeysAndBadStatsQueriesKeepTheirStatus() {
        assertSame(Problem.of(422, "idempotency-key-reused", "Idempotency key reused", "Use a new key."),
                Refusal.of(Reason.CONFLICT, "idempotency-key-reused", "Idempotency key reused", "Use a new key."));
        assertSame(Problem.of(400, "invalid-stats-query", "Invalid stats query", "'bucket' must be 1m, 5m or 1h."),
                Refusal.invalid("invalid-stats-query", "Invalid stats query", "'bucket' must be 1m, 5m or 1h."));
    }

    @Test
    void faultsAre503WithRetryAfterAndTheirMembers() {
        assertSame(Problem.of(503, "outcome-unknown", "Publish outcome unknown", "Lost.")
                .with("outcome", "unknown")
                .with("retrySafe", true)
                .withHeader("Retry-After", "1"),
                Unavailable.of("outcome-unknown", "Publish outcome unknown", "Lost.", 1)
                        .with("outcome", "unknown")
                        .with("retrySafe", true));
        assertSame(Problem.of(503, "concurrent-prune", "Retry", "Poll again.").withHeader("Retry-After", "1"),
                Unavailable.of("concurrent-prune", "Retry", "Poll again.", 1));
        assertSame(Problem.of(503, "unavailable", "Service unavailable", "No keys.").withHeader("Retry-After", "5"),
                Unavailable.of("unavailable", "Service unavailable", "No keys.", 5));
    }

    @Test
    void databaseFaultsKeepTheirWords() {
        List<String[]> expected = List.of(
                new String[]{"UNAVAILABLE", "unavailable", "The database is not reachable right now; retry later."},
                new String[]{"OVERLOADED", "overloaded", "The service is overloaded right now; retry later."},
                new String[]{"TIMEOUT", "timeout", "The database did not answer in time; retry later."},
                new String[]{"CONFLICT", "conflict", "The request met a concurrent one in the database; retry."});
        for (String[] kind : expected) {
            assertSame(Problem.of(503, kind[1], "Service unavailable", kind[2]).withHeader("Retry-After", "1"),
                    DatabaseFailures.unavailable(DatabaseFailures.Kind.valueOf(kind[0])));
        }
    }

    private static void assertSame(Problem expected, Refusal refused) {
        assertSame(expected, ProblemDocuments.of(refused));
    }

    private static void assertSame(Problem expected, Unavailable fault) {
        assertSame(expected, ProblemDocuments.of(fault));
    }

    private static void assertSame(Problem expected, Problem actual) {
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.type(), actual.type());
        assertEquals(expected.title(), actual.title());
        assertEquals(expected.detail(), actual.detail());
        assertEquals(List.copyOf(expected.extensions().entrySet()), List.copyOf(actual.extensions().entrySet()));
        assertEquals(List.copyOf(expected.headers().entrySet()), List.copyOf(actual.headers().entrySet()));
    }
}
