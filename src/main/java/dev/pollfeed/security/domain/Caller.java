package dev.pollfeed.security.domain;

/**
 * Who sent a request, as established from its {@code Authorization} header alone: each request (each Lambda
 * invocation) authorizes on its own, with no session.
 *
 * @param kind how the caller proved who it is
 * @param id the API key's id, the token's {@code sub}, {@code admin} for the bootstrap key; empty for anonymous
 * @param grants what the credentials allow, before public channel patterns are added
 * @param ratePerSecond the key's own request rate, or 0 for the deployment default
 */
public record Caller(Kind kind, String id, Grants grants, int ratePerSecond) {

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, "", Grants.NONE, 0);

    public enum Kind {
        ANONYMOUS, ADMIN_KEY, API_KEY, TOKEN
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** Rate limits are per key: tokens are throttled by API Gateway or the edge, anonymous callers likewise. */
    public boolean isKey() {
        return kind == Kind.ADMIN_KEY || kind == Kind.API_KEY;
    }
}
