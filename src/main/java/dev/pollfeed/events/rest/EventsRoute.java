package dev.pollfeed.events.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

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
    private static final String CHANNELS_PREFIX = "/v1/channels/";
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
        // Polls of one channel named plainly (no '%', no '/'), matched by hand ahead of the route below, which they
        // would match with the same name: the route's pattern and its decoding were ~5% of a caught-up 304's JVM time
        // (bench/README.md, "Caught-up 304s against nginx's"). Anything else goes on to the route.
        router.route().order(Pipeline.ROUTES - 1).handler(context -> {
            String channel = plainChannel(context.normalizedPath());
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

    /** The channel of {@code /v1/channels/{channel}/events} when it needs no decoding, else null. */
    static String plainChannel(String path) {
        if (path == null || !path.startsWith(CHANNELS_PREFIX) || !path.endsWith(EVENTS_SUFFIX)) {
            return null;
        }
        int from = CHANNELS_PREFIX.length();
        int to = path.length() - EVENTS_SUFFIX.length();
        if (to <= from) {
            return null;
        }
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c == '/' || c == '%') {
                return null;
            }
        }
        return path.substring(from, to);
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
