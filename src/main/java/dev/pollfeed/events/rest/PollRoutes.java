package dev.pollfeed.events.rest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import dev.pollfeed.db.DatabaseGate;
import dev.pollfeed.db.PageMemory;
import dev.pollfeed.events.domain.PageLimit;
import dev.pollfeed.events.domain.Since;
import dev.pollfeed.events.service.ChannelActivity;
import dev.pollfeed.events.service.PollAnswer;
import dev.pollfeed.events.service.PollRequest;
import dev.pollfeed.events.service.PollService;
import dev.pollfeed.http.EntityTags;
import dev.pollfeed.http.HeaderNames;
import dev.pollfeed.http.PollResponses;
import dev.pollfeed.http.QueryParameters;
import dev.pollfeed.http.Visibility;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.observability.PollfeedMetrics;
import dev.pollfeed.observability.PollfeedMetrics.PollOutcome;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.security.service.AccessGuard;

/**
 * The two polls, {@code GET /v1/channels/{channel}/events} and {@code GET /v1/events?channels=a:5,b:0}, answered on
 * Vert.x routes ({@link EventsRoute} dispatches to them; docs/decisions/0001-polls-and-publishes-as-vertx-routes.md).
 * The pipeline has logged, checked limits and stands ready to render failures (dev.pollfeed.http.Pipeline).
 */
@ApplicationScoped
class PollRoutes {

    static final int MAX_CHANNELS = 50;

    private final PollService polls;
    private final ResponseBodies bodies;
    private final PollResponses responses;
    private final PollfeedMetrics metrics;
    private final AccessGuard guard;
    private final ChannelActivity activity;
    private final DatabaseGate gate;
    private final RecentBodies recentBodies;

    PollRoutes(PollService polls, ResponseBodies bodies, PollResponses responses, PollfeedMetrics metrics,
            AccessGuard guard, ChannelActivity activity, DatabaseGate gate, RecentBodies recentBodies) {
        this.gate = gate;
        this.recentBodies = recentBodies;
        this.polls = polls;
        this.bodies = bodies;
        this.responses = responses;
        this.metrics = metrics;
        this.guard = guard;
        this.activity = activity;
    }

    void pollOne(RoutingContext context) {
        pollOne(context, context.pathParam("channel"));
    }

    /** {@code channel}: the path's channel, decoded. */
    void pollOne(RoutingContext context, String channel) {
        ChannelName name = ChannelName.parse(channel);
        QueryParameters query = QueryParameters.of(context.queryParams());
        Since since = Since.parse(query.single("since"), "since");
        int limit = PageLimit.parse(query.single("limit"));
        poll(context, List.of(name), List.of(since), limit, false);
    }

    void pollMany(RoutingContext context) {
        QueryParameters query = QueryParameters.of(context.queryParams());
        String channels = query.single("channels");
        int limit = PageLimit.parse(query.single("limit"));
        List<ChannelName> names = new ArrayList<>();
        List<Since> cursors = new ArrayList<>();
        parse(channels, names, cursors);
        poll(context, names, cursors, limit, true);
    }

    private void poll(RoutingContext context, List<ChannelName> names, List<Since> cursors, int limit, boolean many) {
        MultiMap headers = context.request().headers();
        List<String> ifNoneMatch = headers.getAll(HeaderNames.IF_NONE_MATCH);
        PollRequest poll = new PollRequest(names, cursors, limit, many, !ifNoneMatch.isEmpty(),
                etag -> EntityTags.matches(ifNoneMatch, etag));
        List<String> authorization = headers.getAll(HeaderNames.AUTHORIZATION);
        if (guard.readAtOnce(authorization, names) == Visibility.PUBLIC) {
            // Caught up with the heads in memory: answered here, without a Uni chain or the database deadline's timer
            // (bench/README.md, "Where the time goes").
            PollAnswer answer = polls.fromMemory(poll);
            if (answer != null) {
                render(context, answer, Visibility.PUBLIC, many, names);
                return;
            }
        }
        gate.within(guard.read(authorization, names)
                .chain(visibility -> polls.poll(poll, lease -> hold(context, lease))
                        .invoke(answer -> render(context, answer, visibility, many, names))))
                .subscribe()
                .with(done -> {
                }, context::fail);
    }

    /**
     * A lease's bytes are given back when the response ends, however it ends (at once when it has ended already); a
     * wait for them lasts at most the request's deadline.
     */
    private Uni<Void> hold(RoutingContext context, PageMemory.Lease lease) {
        context.addEndHandler(ended -> lease.close());
        return lease.acquire(gate.deadlineMillis()).invoke(() -> {
            if (context.response().ended() || context.response().closed()) {
                lease.close();
            }
        });
    }

    /** {@code names}: the channels polled, in the order of the answer's pages. */
    private void render(RoutingContext context, PollAnswer answer, Visibility visibility, boolean many,
            List<ChannelName> names) {
        if (answer instanceof PollAnswer.NotModified notModified) {
            metrics.poll(PollOutcome.NOT_MODIFIED, many);
            responses.notModified(context.response(), notModified.etag(), notModified.full(), visibility,
                    activity.intervalSeconds(notModified.channels()));
        } else if (answer instanceof PollAnswer.Pages pages) {
            boolean empty = pages.empty();
            metrics.poll(empty ? PollOutcome.EMPTY : PollOutcome.EVENTS, many);
            Supplier<byte[]> build = many
                    ? () -> bodies.pages(pages.pages())
                    : () -> bodies.page(pages.pages().get(0));
            // Ten pages per body are worth keeping; one page is about as cheap to write as to look up, and 1,000
            // channels' catch-up bodies thrashed the cache (bench/README.md, "Polls from memory: the JVM's part").
            byte[] body = empty || !many ? build.get() : recentBodies.body(pages.etag(), build);
            responses.ok(context.response(), body, pages.etag(), pages.full(), visibility,
                    activity.intervalSeconds(names));
        }
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
