package dev.pollfeed.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client-visible failure, rendered as an RFC 9457 {@code application/problem+json} document by
 * {@link ProblemMappers}. Thrown anywhere; the request stores nothing.
 */
public class Problem extends RuntimeException {

    /** Problem types are URNs: stable identifiers that do not pretend to be a web page. */
    private static final String TYPE_BASE = "urn:pollfeed:problem:";

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    private Problem(int status, String slug, String title, String detail, Map<String, Object> extensions,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.extensions = extensions;
        this.headers = headers;
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(status, slug, title, detail, Map.of(), Map.of());
    }

    public static Problem badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    /** A 405 naming the methods the resource does allow ({@code Allow}). */
    public static Problem methodNotAllowed(String allow) {
        return of(405, "method-not-allowed", "Method not allowed", "This resource does not support the request's method.")
                .withHeader("Allow", allow);
    }

    public static Problem tooLarge(String detail) {
        return of(413, "too-large", "Payload too large", detail);
    }

    /** The same problem with an extension member ({@code "oldest": 17}) added to the document. */
    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(status, slug, title, getMessage(), Collections.unmodifiableMap(more), headers);
    }

    /** The same problem with a response header ({@code Retry-After}) added. */
    public Problem withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Problem(status, slug, title, getMessage(), extensions, Collections.unmodifiableMap(more));
    }

    public int status() {
        return status;
    }

    public String type() {
        return TYPE_BASE + slug;
    }

    /** The last part of {@link #type()}, e.g. {@code invalid-event}. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
