package dev.pollfeed.http;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

import dev.pollfeed.config.PollfeedConfig;

/**
 * The caching headers of poll (and stats) answers, the same on 200 and 304: a strong ETag, {@code Poll-Interval}, and a
 * {@code Cache-Control} that lets a CDN keep full pages of public channels forever and collapse identical polls of the
 * live edge.
 */
@ApplicationScoped
public class PollResponses {

    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized(MediaType.APPLICATION_JSON);
    /** {@code Poll-Interval} values up to an hour, encoded once. */
    private static final CharSequence[] INTERVALS = new CharSequence[3601];

    static {
        for (int i = 0; i < INTERVALS.length; i++) {
            INTERVALS[i] = HttpHeaders.createOptimized(Integer.toString(i));
        }
    }

    private final int pollInterval;
    private final CharSequence fullPage;
    private final CharSequence livePage;
    private final CharSequence privateFullPage;
    private final CharSequence privateLivePage;

    PollResponses(PollfeedConfig config) {
        String fullPage = "max-age=" + config.cache().fullPageMaxAgeSeconds() + ", immutable";
        String livePage = "max-age=" + config.cache().partialPageMaxAgeSeconds();
        this.pollInterval = Math.max(1, config.polling().intervalSeconds());
        this.fullPage = HttpHeaders.createOptimized("public, " + fullPage);
        this.livePage = HttpHeaders.createOptimized("public, " + livePage);
        this.privateFullPage = HttpHeaders.createOptimized("private, " + fullPage);
        this.privateLivePage = HttpHeaders.createOptimized("private, " + livePage);
    }

    /** A 200 of a Jakarta REST resource (deployment stats). */
    public Response ok(byte[] body, String etag, boolean full, Visibility visibility) {
        Response.ResponseBuilder response = Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
        headers((name, value) -> response.header(name.toString(), value.toString()), etag, full, visibility,
                pollInterval);
        return response.build();
    }

    /** The 304 of the same. */
    public Response notModified(String etag, boolean full, Visibility visibility) {
        Response.ResponseBuilder response = Response.notModified();
        headers((name, value) -> response.header(name.toString(), value.toString()), etag, full, visibility,
                pollInterval);
        return response.build();
    }

    /** A 200 on a Vert.x route with the configured {@code Poll-Interval} (channel stats). */
    public void ok(HttpServerResponse response, byte[] body, String etag, boolean full, Visibility visibility) {
        ok(response, body, etag, full, visibility, pollInterval);
    }

    /** The 304 of the same. */
    public void notModified(HttpServerResponse response, String etag, boolean full, Visibility visibility) {
        notModified(response, etag, full, visibility, pollInterval);
    }

    /** A 200 on a Vert.x route with the channels' own {@code Poll-Interval} (ChannelActivity). */
    public void ok(HttpServerResponse response, byte[] body, String etag, boolean full, Visibility visibility,
            int pollIntervalSeconds) {
        headers(response::putHeader, etag, full, visibility, pollIntervalSeconds);
        // Wrapped, not copied: bodies are never changed once written, and kept ones (a window's empty series, pages of
        // recent events) are sent by many requests (bench/README.md, "Channel stats on routes").
        response.setStatusCode(200)
                .putHeader(HeaderNames.CONTENT_TYPE, APPLICATION_JSON)
                .end(Buffer.buffer(Unpooled.wrappedBuffer(body)));
    }

    /** The 304 of the same, with the same {@code Poll-Interval} the 200 would carry. */
    public void notModified(HttpServerResponse response, String etag, boolean full, Visibility visibility,
            int pollIntervalSeconds) {
        headers(response::putHeader, etag, full, visibility, pollIntervalSeconds);
        response.setStatusCode(304).end();
    }

    private static CharSequence interval(int seconds) {
        return seconds >= 0 && seconds < INTERVALS.length ? INTERVALS[seconds] : Integer.toString(seconds);
    }

    /**
     * The caching headers, for routes and resources alike, names and values encoded once
     * ({@code HttpHeaders.createOptimized}: the caught-up poll's hot path). A private answer (a channel in it is not
     * public) may be kept by the browser but never by a shared cache, and only for the same credentials:
     * {@code private} and {@code Vary: Authorization}. Full pages stay immutable.
     */
    private void headers(BiConsumer<CharSequence, CharSequence> header, String etag, boolean full,
            Visibility visibility, int pollIntervalSeconds) {
        header.accept(HeaderNames.ETAG, etag);
        header.accept(HeaderNames.POLL_INTERVAL, interval(pollIntervalSeconds));
        if (visibility == Visibility.PUBLIC) {
            header.accept(HeaderNames.CACHE_CONTROL, full ? fullPage : livePage);
        } else {
            header.accept(HeaderNames.CACHE_CONTROL, full ? privateFullPage : privateLivePage);
            header.accept(HeaderNames.VARY, HeaderNames.AUTHORIZATION);
        }
    }
}
