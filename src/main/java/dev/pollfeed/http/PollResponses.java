package dev.pollfeed.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.events.api.PollfeedHeaders;
import dev.pollfeed.security.domain.Visibility;

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

    public Response ok(byte[] body, String etag, boolean full, Visibility visibility) {
        return headers(Response.ok(body, MediaType.APPLICATION_JSON_TYPE), etag, full, visibility).build();
    }

    public Response notModified(String etag, boolean full, Visibility visibility) {
        return headers(Response.notModified(), etag, full, visibility).build();
    }

    /** The same 200 on a Vert.x route. */
    public void ok(HttpServerResponse response, byte[] body, String etag, boolean full, Visibility visibility) {
        ok(response, body, etag, full, visibility, pollInterval);
    }

    /** The same 304 on a Vert.x route. */
    public void notModified(HttpServerResponse response, String etag, boolean full, Visibility visibility) {
        notModified(response, etag, full, visibility, pollInterval);
    }

    /** A 200 on a Vert.x route with the channels' own {@code Poll-Interval} (ChannelActivity). */
    public void ok(HttpServerResponse response, byte[] body, String etag, boolean full, Visibility visibility,
            int pollIntervalSeconds) {
        ok(response, body, etag, full, visibility, Integer.toString(pollIntervalSeconds));
    }

    /** The 304 of the same, with the same {@code Poll-Interval} the 200 would carry. */
    public void notModified(HttpServerResponse response, String etag, boolean full, Visibility visibility,
            int pollIntervalSeconds) {
        notModified(response, etag, full, visibility, Integer.toString(pollIntervalSeconds));
    }

    private void ok(HttpServerResponse response, byte[] body, String etag, boolean full, Visibility visibility,
            String interval) {
        headers(response, etag, full, visibility, interval).setStatusCode(200)
                .putHeader(PollfeedHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .end(Buffer.buffer(body));
    }

    private void notModified(HttpServerResponse response, String etag, boolean full, Visibility visibility,
            String interval) {
        headers(response, etag, full, visibility, interval).setStatusCode(304).end();
    }

    private HttpServerResponse headers(HttpServerResponse response, String etag, boolean full, Visibility visibility,
            String interval) {
        response.putHeader(PollfeedHeaders.ETAG, etag).putHeader(PollfeedHeaders.POLL_INTERVAL, interval);
        if (visibility == Visibility.PUBLIC) {
            return response.putHeader(PollfeedHeaders.CACHE_CONTROL, full ? fullPageCacheControl : livePageCacheControl);
        }
        return response
                .putHeader(PollfeedHeaders.CACHE_CONTROL, full ? privateFullPageCacheControl : privateLivePageCacheControl)
                .putHeader(PollfeedHeaders.VARY, PollfeedHeaders.AUTHORIZATION);
    }

    /**
     * A private answer (a channel in it is not public) may be kept by the browser but never by a shared cache, and
     * only for the same credentials: {@code private} and {@code Vary: Authorization}. Full pages stay immutable.
     */
    private Response.ResponseBuilder headers(Response.ResponseBuilder response, String etag, boolean full,
            Visibility visibility) {
        response.header(PollfeedHeaders.ETAG, etag).header(PollfeedHeaders.POLL_INTERVAL, pollInterval);
        if (visibility == Visibility.PUBLIC) {
            return response.header(PollfeedHeaders.CACHE_CONTROL, full ? fullPageCacheControl : livePageCacheControl);
        }
        return response.header(PollfeedHeaders.CACHE_CONTROL, full ? privateFullPageCacheControl : privateLivePageCacheControl)
                .header(PollfeedHeaders.VARY, PollfeedHeaders.AUTHORIZATION);
    }
}
