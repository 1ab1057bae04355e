package dev.pollfeed.http;

import java.util.List;

/** Header names of the v1 protocol (docs/protocol.md), in one place for the server, the tests and the clients. */
public final class PollfeedHeaders {

    /** Seconds the client should wait before its next poll; on every poll response (200 and 304). */
    public static final String POLL_INTERVAL = "Poll-Interval";
    /** Optional on publish: a retry with the same key on the same channel stores nothing and replays the original. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** {@code true} on the 200 that answers a replayed {@link #IDEMPOTENCY_KEY}. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    public static final String ETAG = "ETag";
    public static final String IF_NONE_MATCH = "If-None-Match";
    public static final String CACHE_CONTROL = "Cache-Control";
    public static final String RETRY_AFTER = "Retry-After";
    /** {@code Bearer <API key or token>}: required to publish, and to read private channels (docs/security.md). */
    public static final String AUTHORIZATION = "Authorization";
    /** {@code Authorization} on answers that depend on the caller's credentials. */
    public static final String VARY = "Vary";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String ALLOW = "Allow";
    public static final String LOCATION = "Location";

    /** The response headers a page on another origin may read (CORS); a header browsers must see is added here. */
    public static final List<String> EXPOSED = List.of(ETAG, POLL_INTERVAL, RETRY_AFTER, IDEMPOTENT_REPLAYED, LOCATION);

    private PollfeedHeaders() {
    }
}
