package dev.pollfeed.events.rest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.events.api.PollfeedHeaders;
import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.PageLimit;
import dev.pollfeed.events.domain.PagePlan;
import dev.pollfeed.events.domain.Since;
import dev.pollfeed.events.service.PollService;
import dev.pollfeed.http.EntityTags;
import dev.pollfeed.http.PollResponses;
import dev.pollfeed.http.QueryParameters;
import dev.pollfeed.observability.PollfeedMetrics;
import dev.pollfeed.observability.PollfeedMetrics.PollOutcome;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.security.service.AccessGuard;

/**
 * {@code GET /v1/events?channels=a:5,b:0}: many channels in one request and two database round trips at most (heads,
 * then events), one ETag over all. Every channel named must be readable, or nothing is answered. This is how a dashboard following many channels keeps its request bill small.
 */
@Path("/v1/events")
public class EventsResource {

    static final int MAX_CHANNELS = 50;

    private final PollService polls;
    private final ResponseBodies bodies;
    private final PollResponses responses;
    private final PollfeedMetrics metrics;
    private final AccessGuard guard;

    EventsResource(PollService polls, ResponseBodies bodies, PollResponses responses, PollfeedMetrics metrics,
            AccessGuard guard) {
        this.polls = polls;
        this.bodies = bodies;
        this.responses = responses;
        this.metrics = metrics;
        this.guard = guard;
    }

    @GET
    public Uni<Response> poll(@Context UriInfo uri, @Context HttpHeaders headers) {
        QueryParameters query = QueryParameters.of(uri);
        String channels = query.single("channels");
        int limit = PageLimit.parse(query.single("limit"));
        List<ChannelName> names = new ArrayList<>();
        List<Since> cursors = new ArrayList<>();
        parse(channels, names, cursors);
        return guard.read(headers, names).chain(visibility -> polls.plan(names, cursors, limit).chain(plans -> {
            String etag = EntityTags.ofMany(plans);
            boolean full = plans.stream().allMatch(PagePlan::more);
            if (EntityTags.matches(headers.getRequestHeader(PollfeedHeaders.IF_NONE_MATCH), etag)) {
                metrics.poll(PollOutcome.NOT_MODIFIED, true);
                return Uni.createFrom().item(responses.notModified(etag, full, visibility));
            }
            return polls.fetch(plans).map(pages -> {
                boolean empty = pages.stream().allMatch(page -> page.events().isEmpty());
                metrics.poll(empty ? PollOutcome.EMPTY : PollOutcome.EVENTS, true);
                return responses.ok(bodies.pages(pages), etag, full, visibility);
            });
        }));
    }

    private static void parse(String channels, List<ChannelName> names, List<Since> cursors) {
        if (channels == null || channels.isEmpty()) {
            throw Problem.badRequest("Name the channels to poll: channels=name:since,name:since (1 to "
                    + MAX_CHANNELS + ").");
        }
        String[] entries = channels.split(",", -1);
        if (entries.length > MAX_CHANNELS) {
            throw Problem.badRequest("At most " + MAX_CHANNELS + " channels per request; " + entries.length + " given.");
        }
        Set<String> seen = new HashSet<>();
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                throw Problem.badRequest("Channel entry '" + entry + "' has no ':since'; write name:since, e.g. "
                        + entry + ":0 or " + entry + ":now.");
            }
            ChannelName name = ChannelName.parse(entry.substring(0, colon));
            if (!seen.add(name.value())) {
                throw Problem.badRequest("Channel '" + name + "' is named more than once.");
            }
            names.add(name);
            cursors.add(Since.parse(entry.substring(colon + 1), "since of channel '" + name + "'"));
        }
    }
}
