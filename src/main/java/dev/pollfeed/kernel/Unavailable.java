package dev.pollfeed.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request was fine but cannot be answered right now (the database is unreachable, overloaded or slow, a prune
 * raced the read, a publish's outcome is unknown): the same request retried after {@link #retryAfterSeconds()} may
 * succeed. Said in words and a stable slug ({@code overloaded}); dev.pollfeed.problem.ProblemDocuments makes it a 503
 * with {@code Retry-After}, never a 500. No stack trace: it is thrown on hot paths when the database struggles
 * (docs/decisions/0014).
 */
public final class Unavailable extends RuntimeException {

    private final String slug;
    private final String title;
    private final long retryAfterSeconds;
    private final Map<String, Object> details;

    private Unavailable(String slug, String title, String detail, long retryAfterSeconds, Map<String, Object> details) {
        super(detail, null, false, false);
        this.slug = slug;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
        this.details = details;
    }

    public static Unavailable of(String slug, String title, String detail, long retryAfterSeconds) {
        return new Unavailable(slug, title, detail, retryAfterSeconds, Map.of());
    }

    /** The same fault with a member the client may act on ({@code "retrySafe": true}). */
    public Unavailable with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(member, value);
        return new Unavailable(slug, title, getMessage(), retryAfterSeconds, Collections.unmodifiableMap(more));
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

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Members beside the detail, in the order added. */
    public Map<String, Object> details() {
        return details;
    }
}
