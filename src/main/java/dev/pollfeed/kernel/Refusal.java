package dev.pollfeed.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value the domain refuses, said in words and a stable slug ({@code invalid-cursor}). Which HTTP status that is gets
 * decided where HTTP lives, in one place (dev.pollfeed.problem.ProblemDocuments); the request stores nothing.
 */
public final class Refusal extends RuntimeException {

    /** Why the value is refused. */
    public enum Reason {
        /** Malformed or out of range. */
        INVALID,
        /** It names something no longer kept (a cursor behind what retention left). */
        EXPIRED
    }

    private final Reason reason;
    private final String slug;
    private final String title;
    private final Map<String, Object> details;

    private Refusal(Reason reason, String slug, String title, String detail, Map<String, Object> details) {
        super(detail, null, false, false);
        this.reason = reason;
        this.slug = slug;
        this.title = title;
        this.details = details;
    }

    public Reason reason() {
        return reason;
    }

    public static Refusal invalid(String slug, String title, String detail) {
        return new Refusal(Reason.INVALID, slug, title, detail, Map.of());
    }

    public String slug() {
        return slug;
    }

    public static Refusal expired(String slug, String title, String detail) {
        return new Refusal(Reason.EXPIRED, slug, title, detail, Map.of());
    }

    public String title() {
        return title;
    }

    /** The same refusal with a member the client may act on ({@code "oldest": 17}). */
    public Refusal with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(member, value);
        return new Refusal(reason, slug, title, getMessage(), Collections.unmodifiableMap(more));
    }

    public String detail() {
        return getMessage();
    }

    /** Members beside the detail ({@code "oldest": 17}), in the order added. */
    public Map<String, Object> details() {
        return details;
    }
}
