package dev.pollfeed.http;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import dev.pollfeed.config.PollfeedConfig;

/**
 * The caching headers of poll (and stats) answers, the same on 200 and 304: a strong ETag, {@code Poll-Interval}, and a
 * {@code Cache-Control} that lets a CDN keep full pages of public channels forever and collapse identical polls of the
 * live edge.
 */
@ApplicationScoped
public class PollResponses {

    private final String fullPageCacheControl;
    private final String livePageCacheControl;
    private final String privateFullPageCacheControl;
    private final String privateLivePageCacheControl;
    private final String pollInterval;

    PollResponses(PollfeedConfig config) {
        String fullPage = "max-age=" + config.cache().fullPageMaxAgeSeconds() + ", immutable";
        String livePage = "max-age=" + config.cache().partialPageMaxAgeSeconds();
        this.fullPageCacheControl = "public, " + fullPage;
        this.livePageCacheControl = "public, " + livePage;
        this.privateFullPageCacheControl = "private, " + fullPage;
        this.privateLivePageCacheControl = "private, " + livePage;
        this.pollInterval = Integer.toString(Math.max(1, config.polling().intervalSeconds()));
    }

    /** A 200 of a Jakarta REST resource (stats). */
    public Response ok(byte[] body, String etag, boolean full, Visibility visibility) {
        Response.ResponseBuilder response = Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
        headers(response::header, etag, full, visibility, pollInterval);
        return response.build();
    }

    /** The 304 of the same. */
    public Response notModified(String etag, boolean full, Visibility visibility) {
        Response.ResponseBuilder response = Response.notModified();
        headers(response::header, etag, full, visibility, pollInterval);
        return response.build();
    }

    /** A 200 on a Vert.x route with the channels' own {@code Poll-Interval} (ChannelActivity). */
    public void ok(HttpServerResponse response, byte[] body, String etag, boolean full, Visibility visibility,
            int pollIntervalSeconds) {
        headers(response::putHeader, etag, full, visibility, Integer.toString(pollIntervalSeconds));
        response.setStatusCode(200)
                .putHeader(PollfeedHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .end(Buffer.buffer(body));
    }

    /** The 304 of the same, with the same {@code Poll-Interval} the 200 would carry. */
    public void notModified(HttpServerResponse response, String etag, boolean full, Visibility visibility,
            int pollIntervalSeconds) {
        headers(response::putHeader, etag, full, visibility, Integer.toString(pollIntervalSeconds));
        response.setStatusCode(304).end();
    }

    /**
     * The caching headers, for routes and resources alike. A private answer (a channel in it is not public) may be kept
     * by the browser but never by a shared cache, and only for the same credentials: {@code private} and
     * {@code Vary: Authorization}. Full pages stay immutable.
     */
    private void headers(BiConsumer<String, String> header, String etag, boolean full, Visibility visibility,
            String interval) {
        header.accept(PollfeedHeaders.ETAG, etag);
        header.accept(PollfeedHeaders.POLL_INTERVAL, interval);
        if (visibility == Visibility.PUBLIC) {
            header.accept(PollfeedHeaders.CACHE_CONTROL, full ? fullPageCacheControl : livePageCacheControl);
        } else {
            header.accept(PollfeedHeaders.CACHE_CONTROL, full ? privateFullPageCacheControl : privateLivePageCacheControl);
            header.accept(PollfeedHeaders.VARY, PollfeedHeaders.AUTHORIZATION);
        }
    }
}
