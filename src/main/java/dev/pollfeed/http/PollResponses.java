package dev.pollfeed.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.events.api.PollfeedHeaders;

/**
 * The caching headers of poll (and stats) answers, the same on 200 and 304: a strong ETag, {@code Poll-Interval}, and a
 * {@code Cache-Control} that lets a CDN keep full pages forever and collapse identical polls of the live edge.
 */
@ApplicationScoped
public class PollResponses {

    private final String fullPageCacheControl;
    private final String livePageCacheControl;
    private final String pollInterval;

    PollResponses(PollfeedConfig config) {
        this.fullPageCacheControl = "public, max-age=" + config.cache().fullPageMaxAgeSeconds() + ", immutable";
        this.livePageCacheControl = "public, max-age=" + config.cache().partialPageMaxAgeSeconds();
        this.pollInterval = Integer.toString(Math.max(1, config.polling().intervalSeconds()));
    }

    public Response ok(byte[] body, String etag, boolean full) {
        return headers(Response.ok(body, MediaType.APPLICATION_JSON_TYPE), etag, full).build();
    }

    public Response notModified(String etag, boolean full) {
        return headers(Response.notModified(), etag, full).build();
    }

    private Response.ResponseBuilder headers(Response.ResponseBuilder response, String etag, boolean full) {
        return response.header(PollfeedHeaders.ETAG, etag)
                .header(PollfeedHeaders.CACHE_CONTROL, full ? fullPageCacheControl : livePageCacheControl)
                .header(PollfeedHeaders.POLL_INTERVAL, pollInterval);
    }
}
