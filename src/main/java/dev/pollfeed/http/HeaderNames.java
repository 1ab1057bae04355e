package dev.pollfeed.http;

import io.vertx.core.http.HttpHeaders;

/**
 * {@link PollfeedHeaders}' names as Vert.x looks them up and writes them on the routes' hot paths, their hash
 * computed once (bench/README.md, "Caught-up 304s against nginx's").
 */
public final class HeaderNames {

    public static final CharSequence IF_NONE_MATCH = HttpHeaders.createOptimized(PollfeedHeaders.IF_NONE_MATCH);
    public static final CharSequence AUTHORIZATION = HttpHeaders.createOptimized(PollfeedHeaders.AUTHORIZATION);
    public static final CharSequence ETAG = HttpHeaders.createOptimized(PollfeedHeaders.ETAG);
    public static final CharSequence POLL_INTERVAL = HttpHeaders.createOptimized(PollfeedHeaders.POLL_INTERVAL);
    public static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized(PollfeedHeaders.CACHE_CONTROL);
    public static final CharSequence VARY = HttpHeaders.createOptimized(PollfeedHeaders.VARY);
    public static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized(PollfeedHeaders.CONTENT_TYPE);

    private HeaderNames() {
    }
}
