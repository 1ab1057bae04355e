package dev.pollfeed.security.service;

import dev.pollfeed.kernel.Refusal;
import dev.pollfeed.kernel.Refusal.Reason;
import dev.pollfeed.kernel.Unavailable;

/**
 * The refusals of authentication and authorization, worded once; dev.pollfeed.problem.ProblemDocuments answers them
 * (401 with the Bearer challenge, 403, 429 with Retry-After, 503).
 */
final class AccessProblems {

    private AccessProblems() {
    }

    /** No credentials where some are needed (RFC 6750: a bare challenge, no error code). */
    static Refusal missing(String detail) {
        return Refusal.of(Reason.UNAUTHENTICATED, "unauthorized", "Unauthorized", detail);
    }

    /** Credentials that prove nothing: malformed, unknown, revoked, expired or badly signed. */
    static Refusal invalid(String detail) {
        return Refusal.of(Reason.BAD_CREDENTIALS, "invalid-credentials", "Invalid credentials", detail);
    }

    static Refusal forbidden(String detail) {
        return Refusal.of(Reason.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    static Refusal rateLimited(long retryAfterSeconds) {
        return Refusal.of(Reason.RATE_LIMITED, "rate-limited", "Too many requests",
                "This key has used up its request rate; retry after " + retryAfterSeconds + " s.")
                .retryAfter(retryAfterSeconds);
    }

    static Unavailable keysUnavailable() {
        return Unavailable.of("unavailable", "Service unavailable",
                "The keys that verify tokens cannot be fetched right now; retry later.", 5);
    }
}
