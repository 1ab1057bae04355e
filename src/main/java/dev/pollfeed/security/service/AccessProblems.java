package dev.pollfeed.security.service;

import dev.pollfeed.problem.Problem;

/** The problem documents of authentication and authorization (401, 403, 429), worded once. */
final class AccessProblems {

    private static final String CHALLENGE = "Bearer realm=\"pollfeed\"";

    private AccessProblems() {
    }

    /** No credentials where some are needed (RFC 6750: a bare challenge, no error code). */
    static Problem missing(String detail) {
        return Problem.of(401, "unauthorized", "Unauthorized", detail).withHeader("WWW-Authenticate", CHALLENGE);
    }

    /** Credentials that prove nothing: malformed, unknown, revoked, expired or badly signed. */
    static Problem invalid(String detail) {
        return Problem.of(401, "invalid-credentials", "Invalid credentials", detail)
                .withHeader("WWW-Authenticate",
                        CHALLENGE + ", error=\"invalid_token\"");
    }

    static Problem forbidden(String detail) {
        return Problem.of(403, "forbidden", "Forbidden", detail);
    }

    static Problem rateLimited(long retryAfterSeconds) {
        return Problem.of(429, "rate-limited", "Too many requests",
                "This key has used up its request rate; retry after " + retryAfterSeconds + " s.")
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    static Problem keysUnavailable() {
        return Problem.of(503, "unavailable", "Service unavailable",
                "The keys that verify tokens cannot be fetched right now; retry later.").withHeader("Retry-After", "5");
    }
}
