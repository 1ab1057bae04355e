package dev.pollfeed.events.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.pollfeed.http.ChannelPaths;
import dev.pollfeed.http.Pipeline;
import dev.pollfeed.http.PollfeedHeaders;
import dev.pollfeed.problem.Problem;

/**
 * The one owner of the events paths, dispatching on the method: {@code GET}/{@code HEAD} poll, {@code POST} publishes,
 * {@code OPTIONS} says what is allowed (a CORS preflight was answered by the pipeline already), anything else is a 405
 * problem with {@code Allow}. Vert.x routes ahead of Jakarta REST, servers and Lambda alike
 * (docs/decisions/0001-polls-and-publishes-as-vertx-routes.md).
 */
@ApplicationScoped
class EventsRoute {

    private static final String ONE_CHANNEL = "/v1/channels/:channel/events";
    private static final String EVENTS_SUFFIX = "/events";
    private static final String MANY_CHANNELS = "/v1/events";
    private static final String ONE_CHANNEL_ALLOW = "GET, HEAD, POST, OPTIONS";
    private static final String MANY_CHANNELS_ALLOW = "GET, HEAD, OPTIONS";

    private final PollRoutes polls;
    private final PublishRoute publishes;

    EventsRoute(PollRoutes polls, PublishRoute publishes) {
        this.polls = polls;
        this.publishes = publishes;
    }

    void register(@Observes Router router) {
        // Polls of one channel named plainly, matched by hand ahead of the route below (ChannelPaths).
        router.route().order(Pipeline.PLAIN_POLLS).handler(context -> {
            String channel = ChannelPaths.plainChannel(context.normalizedPath(), EVENTS_SUFFIX);
            HttpMethod method = context.request().method();
            if (channel != null && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
                polls.pollOne(context, channel);
            } else {
                context.next();
            }
        });
        router.route(ONE_CHANNEL)
                .order(Pipeline.ROUTES)
                .handler(context -> dispatch(context, ONE_CHANNEL_ALLOW, polls::pollOne, publishes::publish));
        router.route(MANY_CHANNELS)
                .order(Pipeline.ROUTES)
                .handler(context -> dispatch(context, MANY_CHANNELS_ALLOW, polls::pollMany, null));
    }

    private static void dispatch(RoutingContext context, String allow, Handler<RoutingContext> poll,
            Handler<RoutingContext> publish) {
        switch (context.request().method().name()) {
            case "GET", "HEAD" -> poll.handle(context);
            case "POST" -> {
                if (publish == null) {
                    context.fail(Problem.methodNotAllowed(allow));
                } else {
                    publish.handle(context);
                }
            }
            case "OPTIONS" -> context.response().putHeader(PollfeedHeaders.ALLOW, allow).setStatusCode(204).end();
            default -> context.fail(Problem.methodNotAllowed(allow));
        }
    }
}
