package dev.pollfeed.events.rest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.db.DatabaseGate;
import dev.pollfeed.events.api.PollfeedHeaders;
import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.ChannelPage;
import dev.pollfeed.events.domain.PageLimit;
import dev.pollfeed.events.domain.PagePlan;
import dev.pollfeed.events.domain.ResponseBudget;
import dev.pollfeed.events.domain.Since;
import dev.pollfeed.events.service.ChannelActivity;
import dev.pollfeed.events.service.PollService;
import dev.pollfeed.events.service.PollService.PlannedPage;
import dev.pollfeed.http.EntityTags;
import dev.pollfeed.http.PollResponses;
import dev.pollfeed.http.QueryParameters;
import dev.pollfeed.observability.PollfeedMetrics;
import dev.pollfeed.observability.PollfeedMetrics.PollOutcome;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.security.domain.Visibility;
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
    private final ResponseBudget budget;
    private final DatabaseGate gate;

    PollRoutes(PollService polls, ResponseBodies bodies, PollResponses responses, PollfeedMetrics metrics,
            AccessGuard guard, ChannelActivity activity, PollfeedConfig config,
            DatabaseGate gate) {
        this.gate = gate;
        this.polls = polls;
        this.bodies = bodies;
        this.responses = responses;
        this.metrics = metrics;
        this.guard = guard;
        this.activity = activity;
        this.budget = new ResponseBudget(config.limits().maxResponseBytes());
    }

    /**
     * Without {@code If-None-Match} the answer is a 200 whatever the head is, so the service may read head and events
     * together, as it does for a conditional poll behind the head last seen; otherwise the head alone (from memory when
     * fresh) decides first whether a 304 ends it.
     */
    void pollOne(RoutingContext context) {
        Request request = new Request(context);
        ChannelName name = ChannelName.parse(context.pathParam("channel"));
        QueryParameters query = QueryParameters.of(context.queryParams());
        Since since = Since.parse(query.single("since"), "since");
        int limit = PageLimit.parse(query.single("limit"));
        List<String> ifNoneMatch = request.ifNoneMatch();
        gate.within(guard.read(request.authorization(), List.of(name)).chain(visibility -> {
            // A conditional poll behind the head last seen will get events: one statement for head and events.
            if (ifNoneMatch.isEmpty() || polls.probablyBehind(name, since)) {
                return polls.answer(name, since, limit).invoke(answer -> {
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
                return polls.fetch(plan).invoke(page -> request.ok(page, etag, visibility)).replaceWithVoid();
            });
        })).subscribe().with(done -> {
        }, request::failed);
    }

    void pollMany(RoutingContext context) {
        Request request = new Request(context);
        QueryParameters query = QueryParameters.of(context.queryParams());
        String channels = query.single("channels");
        int limit = PageLimit.parse(query.single("limit"));
        List<ChannelName> names = new ArrayList<>();
        List<Since> cursors = new ArrayList<>();
        parse(channels, names, cursors);
        List<String> ifNoneMatch = request.ifNoneMatch();
        gate.within(guard.read(request.authorization(), names).chain(visibility -> {
            if (ifNoneMatch.isEmpty()) {
                return polls.answer(names, cursors, limit).invoke(answers -> {
                    List<PagePlan> plans = answers.stream().map(PlannedPage::plan).toList();
                    request.ok(answers.stream().map(PlannedPage::page).toList(), EntityTags.ofMany(plans, budget.bytes()),
                            visibility);
                });
            }
            return polls.plan(names, cursors, limit).chain(plans -> {
                String etag = EntityTags.ofMany(plans, budget.bytes());
                if (EntityTags.matches(ifNoneMatch, etag)) {
                    request.notModified(etag, plans.stream().allMatch(PagePlan::more), visibility, true, names);
                    return Uni.createFrom().voidItem();
                }
                return polls.fetch(plans).invoke(pages -> request.ok(pages, etag, visibility)).replaceWithVoid();
            });
        })).subscribe().with(done -> {
        }, request::failed);
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

    /** One poll being answered: writes its response once. */
    private final class Request {

        private final RoutingContext context;

        Request(RoutingContext context) {
            this.context = context;
        }

        List<String> authorization() {
            return context.request().headers().getAll(PollfeedHeaders.AUTHORIZATION);
        }

        List<String> ifNoneMatch() {
            return context.request().headers().getAll(PollfeedHeaders.IF_NONE_MATCH);
        }

        /** One channel's page. */
        void ok(ChannelPage whole, String etag, Visibility visibility) {
            ChannelPage page = budget.cut(whole);
            metrics.poll(page.events().isEmpty() ? PollOutcome.EMPTY : PollOutcome.EVENTS, false);
            responses.ok(context.response(), bodies.page(page), etag, page.more(), visibility,
                    activity.intervalSeconds(List.of(page.channel())));
        }

        /** Several channels' pages: immutable only when every one is full. */
        void ok(List<ChannelPage> whole, String etag, Visibility visibility) {
            List<ChannelPage> pages = budget.cut(whole);
            boolean empty = pages.stream().allMatch(page -> page.events().isEmpty());
            metrics.poll(empty ? PollOutcome.EMPTY : PollOutcome.EVENTS, true);
            boolean full = pages.stream().allMatch(ChannelPage::more);
            responses.ok(context.response(), bodies.pages(pages), etag, full, visibility,
                    activity.intervalSeconds(pages.stream().map(ChannelPage::channel).toList()));
        }

        void notModified(String etag, boolean full, Visibility visibility, boolean multi, List<ChannelName> channels) {
            metrics.poll(PollOutcome.NOT_MODIFIED, multi);
            responses.notModified(context.response(), etag, full, visibility, activity.intervalSeconds(channels));
        }

        void failed(Throwable failure) {
            context.fail(failure);
        }
    }
}
