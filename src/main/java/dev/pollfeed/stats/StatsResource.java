package dev.pollfeed.stats;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.http.EntityTags;
import dev.pollfeed.http.PollResponses;
import dev.pollfeed.http.PollfeedHeaders;
import dev.pollfeed.http.Visibility;
import dev.pollfeed.security.service.AccessGuard;

/**
 * The deployment's stats for dashboards, polled like events: a strong ETag over the body (the same on every instance
 * for a whole minute), 304 on {@code If-None-Match}, and the same {@code Cache-Control} and {@code Poll-Interval} as a
 * live page. A channel's stats are on a Vert.x route ({@link ChannelStatsRoute}).
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
    @Path("/stats")
    public Uni<Response> deployment(@Context HttpHeaders headers) {
        return guard.readEverything(headers.getRequestHeader(PollfeedHeaders.AUTHORIZATION))
                .chain(visibility -> answers.get("deployment", () -> stats.deployment().map(bodies::deployment))
                        .map(answer -> answer(answer, headers, visibility)));
    }

    private Response answer(StatsAnswer answer, HttpHeaders headers, Visibility visibility) {
        if (EntityTags.matches(headers.getRequestHeader(PollfeedHeaders.IF_NONE_MATCH), answer.etag())) {
            return responses.notModified(answer.etag(), false, visibility);
        }
        return responses.ok(answer.body(), answer.etag(), false, visibility);
    }
}
