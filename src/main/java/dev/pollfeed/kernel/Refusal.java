package dev.pollfeed.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the domain refuses, said in words and a stable slug ({@code invalid-cursor}): the client's mistake, which
 * the same request repeated does not mend. Which HTTP status and headers that is gets decided where HTTP lives, in
 * one place (dev.pollfeed.problem.ProblemDocuments); the request stores nothing. Like every failure here it carries
 * no stack trace: refusals are expected answers, some on hot paths (docs/decisions/0014).
 */
public final class Refusal extends RuntimeException {

    /** Why the request is refused. */
    public enum Reason {
        /** Malformed or out of range. */
        INVALID,
        /** It names something no longer kept (a cursor behind what retention left). */
        EXPIRED,
        /** No credentials where some are needed. */
        UNAUTHENTICATED,
        /** Credentials that prove nothing: malformed, unknown, revoked, expired or badly signed. */
        BAD_CREDENTIALS,
        /** Credentials that do not allow this. */
        FORBIDDEN,
        /** It contradicts what an earlier request stored (an Idempotency-Key reused for another request). */
        CONFLICT,
        /** The caller used up its rate; {@link #retryAfterSeconds()} says when it may go on. */
        RATE_LIMITED
    }

    private final Reason reason;
    private final String slug;
    private final String title;
    private final Map<String, Object> details;
    private final long retryAfterSeconds;

    private Refusal(Reason reason, String slug, String title, String detail, Map<String, Object> details,
            long retryAfterSeconds) {
        super(detail, null, false, false);
        this.reason = reason;
        this.slug = slug;
        this.title = title;
        this.details = details;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static Refusal of(Reason reason, String slug, String title, String detail) {
        return new Refusal(reason, slug, title, detail, Map.of(), 0);
    }

    public static Refusal invalid(String slug, String title, String detail) {
        return of(Reason.INVALID, slug, title, detail);
    }

    public static Refusal expired(String slug, String title, String detail) {
        return of(Reason.EXPIRED, slug, title, detail);
    }

    /** The same refusal with a member the client may act on ({@code "oldest": 17}). */
    public Refusal with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(member, value);
        return new Refusal(reason, slug, title, getMessage(), Collections.unmodifiableMap(more), retryAfterSeconds);
    }

    /** The same refusal with the seconds after which the same request may succeed. */
    public Refusal retryAfter(long seconds) {
        return new Refusal(reason, slug, title, getMessage(), details, seconds);
    }

    public Reason reason() {
        return reason;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Members beside the detail ({@code "oldest": 17}), in the order added. */
    public Map<String, Object> details() {
        return details;
    }

    /** Seconds after which the same request may succeed; 0 when waiting does not help. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
