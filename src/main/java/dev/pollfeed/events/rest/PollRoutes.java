package dev.pollfeed.events.rest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.db.DatabaseGate;
import dev.pollfeed.db.PageMemory;
import dev.pollfeed.events.api.PollfeedHeaders;
import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.ChannelPage;
import dev.pollfeed.events.domain.PageLimit;
import dev.pollfeed.events.domain.PagePlan;
import dev.pollfeed.events.domain.ResponseBudget;
import dev.pollfeed.events.domain.Since;
import dev.pollfeed.events.service.ChannelActivity;
import dev.pollfeed.events.service.PageReservations;
import dev.pollfeed.events.service.PollService;
import dev.pollfeed.events.service.PollService.PlannedPage;
import dev.pollfeed.http.EntityTags;
import dev.pollfeed.http.MatrixParameters;
import dev.pollfeed.http.PollResponses;
import dev.pollfeed.http.QueryParameters;
import dev.pollfeed.http.RequestSizeLimit;
import dev.pollfeed.observability.AccessLog;
import dev.pollfeed.observability.PollfeedMetrics;
import dev.pollfeed.observability.PollfeedMetrics.PollOutcome;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.problem.ProblemDocuments;
import dev.pollfeed.security.domain.Visibility;
import dev.pollfeed.security.service.AccessGuard;

/**
 * The two poll endpoints, {@code GET /v1/channels/{channel}/events} and {@code GET /v1/events?channels=a:5,b:0}, as
 * Vert.x routes ahead of Jakarta REST (servers and Lambda alike: both feed requests through the same router).
 * Polls are nearly all the traffic and most of them end in a 304, and Jakarta REST's per-request machinery cost a
 * caught-up poll as much as the rest of it (docs/decisions/0001-polls-and-publishes-as-vertx-routes.md). Publishing is a route too ({@link PublishRoute}); the rest of the API
 * (keys, stats) stays Jakarta REST resources.
 * <p>
 * Everything else is what the resources do: the same guard, the same problem documents, the same caching headers,
 * metrics and access log.
 */
@ApplicationScoped
public class PollRoutes {

    static final int MAX_CHANNELS = 50;
    /** Ahead of Jakarta REST's route, behind CORS ({@code Integer.MIN_VALUE}). */
    static final int ORDER = -10;
    /** A channel's events: polled here, published to by PublishRoute. */
    static final String ONE_CHANNEL = "/v1/channels/:channel/events";
    private static final String MANY_CHANNELS = "/v1/events";
    private static final String ONE_CHANNEL_ALLOW = "GET, HEAD, POST, OPTIONS";
    private static final String MANY_CHANNELS_ALLOW = "GET, HEAD, OPTIONS";

    private final PollService polls;
    private final ResponseBodies bodies;
    private final PollResponses responses;
    private final PollfeedMetrics metrics;
    private final AccessGuard guard;
    private final ProblemDocuments problems;
    private final ChannelActivity activity;
    private final int maxRequestBytes;
    private final ResponseBudget budget;
    private final DatabaseGate gate;
    private final PageReservations reservations;

    PollRoutes(PollService polls, ResponseBodies bodies, PollResponses responses, PollfeedMetrics metrics,
            AccessGuard guard, ProblemDocuments problems, ChannelActivity activity, PollfeedConfig config,
            DatabaseGate gate, PageReservations reservations) {
        this.gate = gate;
        this.reservations = reservations;
        this.polls = polls;
        this.bodies = bodies;
        this.responses = responses;
        this.metrics = metrics;
        this.guard = guard;
        this.problems = problems;
        this.activity = activity;
        this.maxRequestBytes = config.limits().maxRequestBytes();
        this.budget = new ResponseBudget(config.limits().maxResponseBytes());
    }

    void register(@Observes Router router) {
        router.route(ONE_CHANNEL).order(ORDER).handler(context -> {
            HttpMethod method = context.request().method();
            if (method == HttpMethod.POST) {
                context.next(); // publishing: PublishRoute
            } else {
                handle(context, ONE_CHANNEL_ALLOW, this::pollOne);
            }
        });
        router.route(MANY_CHANNELS).order(ORDER).handler(context -> handle(context, MANY_CHANNELS_ALLOW, this::pollMany));
    }

    private interface Poll {

        void answer(RoutingContext context, Request request);
    }

    /** What both endpoints check before anything else, as the Jakarta REST filters do for the other resources. */
    private void handle(RoutingContext context, String allow, Poll poll) {
        Request request = new Request(context, System.nanoTime());
        try {
            HttpServerRequest http = context.request();
            MatrixParameters.check(http.path());
            if (http.method() == HttpMethod.OPTIONS) {
                http.response().putHeader(PollfeedHeaders.ALLOW, allow).setStatusCode(204).end();
                request.logged(204);
                return;
            }
            if (http.method() != HttpMethod.GET && http.method() != HttpMethod.HEAD) {
                throw Problem.of(405, "method-not-allowed", "Method not allowed",
                        "This resource does not support the request's method.")
                        .withHeader(PollfeedHeaders.ALLOW, allow);
            }
            RequestSizeLimit.check(http.getHeader(PollfeedHeaders.CONTENT_LENGTH), maxRequestBytes);
            poll.answer(context, request);
        } catch (RuntimeException e) {
            request.failed(e);
        }
    }

    /**
     * Without {@code If-None-Match} the answer is a 200 whatever the head is, so the service may read head and events
     * together, as it does for a conditional poll behind the head last seen; otherwise the head alone (from memory when
     * fresh) decides first whether a 304 ends it.
     */
    private void pollOne(RoutingContext context, Request request) {
        ChannelName name = ChannelName.parse(context.pathParam("channel"));
        QueryParameters query = QueryParameters.of(context.queryParams());
        Since since = Since.parse(query.single("since"), "since");
        int limit = PageLimit.parse(query.single("limit"));
        List<String> ifNoneMatch = request.ifNoneMatch();
        gate.within(guard.read(request.authorization(), List.of(name)).chain(visibility -> {
            // A conditional poll behind the head last seen will get events: one statement for head and events.
            // Without If-None-Match and probably caught up, the plan below answers as polls.answer would.
            if (polls.probablyBehind(name, since)) {
                return request.reserved(reservations.forCursors(List.of(name), List.of(since), limit))
                        .chain(() -> polls.answer(name, since, limit))
                        .invoke(answer -> {
                            String etag = EntityTags.of(answer.plan(), budget.bytes());
                            if (EntityTags.matches(ifNoneMatch, etag)) {
                                request.notModified(etag, answer.plan().more(), visibility, false, List.of(name));
                            } else {
                                request.ok(answer.page(), etag, visibility);
                            }
                        });
            }
            return polls.plan(name, since, limit).chain(plan -> {
                String etag = EntityTags.of(plan, budget.bytes());
                if (EntityTags.matches(ifNoneMatch, etag)) {
                    request.notModified(etag, plan.more(), visibility, false, List.of(name));
                    return Uni.createFrom().voidItem();
                }
                return request.reserved(List.of(plan))
                        .chain(() -> polls.fetch(plan))
                        .invoke(page -> request.ok(page, etag, visibility))
                        .replaceWithVoid();
            });
        })).subscribe().with(done -> {
        }, request::failed);
    }

    private void pollMany(RoutingContext context, Request request) {
        QueryParameters query = QueryParameters.of(context.queryParams());
        String channels = query.single("channels");
        int limit = PageLimit.parse(query.single("limit"));
        List<ChannelName> names = new ArrayList<>();
        List<Since> cursors = new ArrayList<>();
        parse(channels, names, cursors);
        List<String> ifNoneMatch = request.ifNoneMatch();
        gate.within(guard.read(request.authorization(), names).chain(visibility -> {
            if (ifNoneMatch.isEmpty() && anyBehind(names, cursors)) {
                return request.reserved(reservations.forCursors(names, cursors, limit))
                        .chain(() -> polls.answer(names, cursors, limit))
                        .invoke(answers -> {
                            List<PagePlan> plans = answers.stream().map(PlannedPage::plan).toList();
                            request.ok(answers.stream().map(PlannedPage::page).toList(),
                                    EntityTags.ofMany(plans, budget.bytes()),
                                    visibility);
                        });
            }
            return polls.plan(names, cursors, limit).chain(plans -> {
                String etag = EntityTags.ofMany(plans, budget.bytes());
                if (EntityTags.matches(ifNoneMatch, etag)) {
                    request.notModified(etag, plans.stream().allMatch(PagePlan::more), visibility, true, names);
                    return Uni.createFrom().voidItem();
                }
                return request.reserved(plans)
                        .chain(() -> polls.fetch(plans))
                        .invoke(pages -> request.ok(pages, etag, visibility))
                        .replaceWithVoid();
            });
        })).subscribe().with(done -> {
        }, request::failed);
    }

    private boolean anyBehind(List<ChannelName> names, List<Since> cursors) {
        for (int i = 0; i < names.size(); i++) {
            if (polls.probablyBehind(names.get(i), cursors.get(i))) {
                return true;
            }
        }
        return false;
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

    /** One poll being answered: writes its response once, then its access-log line. */
    private final class Request {

        private final RoutingContext context;
        private final long started;

        Request(RoutingContext context, long started) {
            this.context = context;
            this.started = started;
        }

        List<String> authorization() {
            return context.request().headers().getAll(PollfeedHeaders.AUTHORIZATION);
        }

        List<String> ifNoneMatch() {
            return context.request().headers().getAll(PollfeedHeaders.IF_NONE_MATCH);
        }

        /** Plans without events (caught up, after a head read) read nothing: no lease, no wait. */
        Uni<Void> reserved(List<PagePlan> plans) {
            for (PagePlan plan : plans) {
                if (plan.hasEvents()) {
                    return reserved(reservations.forPlans(plans));
                }
            }
            return Uni.createFrom().voidItem();
        }

        /**
         * Waits for the lease's bytes, at most until the request's deadline; they are given back when the response
         * ends, however it ends (a lease granted after that is given back at once).
         */
        Uni<Void> reserved(PageMemory.Lease lease) {
            context.addEndHandler(ended -> lease.close());
            long left = gate.deadlineMillis() - (System.nanoTime() - started) / 1_000_000;
            return lease.acquire(left).invoke(() -> {
                if (context.response().ended() || context.response().closed()) {
                    lease.close();
                }
            });
        }

        /** One channel's page. */
        void ok(ChannelPage whole, String etag, Visibility visibility) {
            ChannelPage page = budget.cut(whole);
            metrics.poll(page.events().isEmpty() ? PollOutcome.EMPTY : PollOutcome.EVENTS, false);
            responses.ok(context.response(), bodies.page(page), etag, page.more(), visibility,
                    activity.intervalSeconds(List.of(page.channel())));
            logged(200);
        }

        /** Several channels' pages: immutable only when every one is full. */
        void ok(List<ChannelPage> whole, String etag, Visibility visibility) {
            List<ChannelPage> pages = budget.cut(whole);
            boolean empty = pages.stream().allMatch(page -> page.events().isEmpty());
            metrics.poll(empty ? PollOutcome.EMPTY : PollOutcome.EVENTS, true);
            boolean full = pages.stream().allMatch(ChannelPage::more);
            responses.ok(context.response(), bodies.pages(pages), etag, full, visibility,
                    activity.intervalSeconds(pages.stream().map(ChannelPage::channel).toList()));
            logged(200);
        }

        void notModified(String etag, boolean full, Visibility visibility, boolean multi, List<ChannelName> channels) {
            metrics.poll(PollOutcome.NOT_MODIFIED, multi);
            responses.notModified(context.response(), etag, full, visibility, activity.intervalSeconds(channels));
            logged(304);
        }

        void failed(Throwable failure) {
            problems.write(failure, context.response());
            logged(context.response().getStatusCode());
        }

        void logged(int status) {
            HttpServerRequest http = context.request();
            AccessLog.record(http.method().name(), http.path(), status, started, context.pathParam("channel"), http);
        }
    }
}
