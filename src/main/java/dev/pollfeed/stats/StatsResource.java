package dev.pollfeed.stats;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.pollfeed.http.EntityTags;
import dev.pollfeed.http.PollResponses;
import dev.pollfeed.http.PollfeedHeaders;
import dev.pollfeed.http.QueryParameters;
import dev.pollfeed.http.Visibility;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.security.service.AccessGuard;

/**
 * Stats for dashboards, polled like events: a strong ETag over the body (the same on every instance for a whole
 * minute), 304 on {@code If-None-Match}, and the same {@code Cache-Control} and {@code Poll-Interval} as a live page.
 */
@Path("/v1")
public class StatsResource {

    private final StatsRepository stats;
    private final StatsBodies bodies;
    private final PollResponses responses;
    private final AccessGuard guard;
    private final StatsAnswers answers;

    StatsResource(StatsRepository stats, StatsBodies bodies, PollResponses responses, AccessGuard guard,
            StatsAnswers answers) {
        this.stats = stats;
        this.bodies = bodies;
        this.responses = responses;
        this.guard = guard;
        this.answers = answers;
    }

    @GET
    @Path("/channels/{channel}/stats")
    public Uni<Response> channel(@RestPath String channel, @Context HttpHeaders headers) {
        ChannelName name = ChannelName.parse(channel);
        return guard.read(headers.getRequestHeader(PollfeedHeaders.AUTHORIZATION), List.of(name))
                .chain(visibility -> answers.shared("channel " + name.value(),
                        () -> stats.channel(name.value()).map(row -> bodies.channel(name.value(), row)))
                        .map(body -> answer(body, headers, visibility)));
    }

    @GET
    @Path("/channels/{channel}/stats/series")
    public Uni<Response> series(@RestPath String channel, @Context HttpServerRequest request,
            @Context HttpHeaders headers) {
        ChannelName name = ChannelName.parse(channel);
        QueryParameters query = QueryParameters.of(request.params());
        SeriesWindow window = SeriesWindow.parse(query.single("bucket"), query.single("from"), query.single("to"),
                Instant.now());
        return guard.read(headers.getRequestHeader(PollfeedHeaders.AUTHORIZATION), List.of(name))
                .chain(visibility -> answers.shared("series " + name.value() + " " + window,
                        () -> stats.series(name.value(), window.from().atOffset(ZoneOffset.UTC),
                                window.to().atOffset(ZoneOffset.UTC), window.bucketMinutes())
                                .map(rows -> bodies.series(window, rows)))
                        .map(body -> answer(body, headers, visibility)));
    }

    @GET
    @Path("/stats")
    public Uni<Response> deployment(@Context HttpHeaders headers) {
        return guard.readEverything(headers.getRequestHeader(PollfeedHeaders.AUTHORIZATION))
                .chain(visibility -> answers.get("deployment", () -> stats.deployment().map(bodies::deployment))
                        .map(body -> answer(body, headers, visibility)));
    }

    private Response answer(byte[] body, HttpHeaders headers, Visibility visibility) {
        String etag = EntityTags.ofBody(body);
        if (EntityTags.matches(headers.getRequestHeader(PollfeedHeaders.IF_NONE_MATCH), etag)) {
            return responses.notModified(etag, false, visibility);
        }
        return responses.ok(body, etag, false, visibility);
    }
}
