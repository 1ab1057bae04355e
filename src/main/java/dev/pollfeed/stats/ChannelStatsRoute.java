package dev.pollfeed.stats;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.pollfeed.http.ChannelPaths;
import dev.pollfeed.http.EntityTags;
import dev.pollfeed.http.HeaderNames;
import dev.pollfeed.http.Pipeline;
import dev.pollfeed.http.PollResponses;
import dev.pollfeed.http.PollfeedHeaders;
import dev.pollfeed.http.QueryParameters;
import dev.pollfeed.http.Visibility;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.security.service.AccessGuard;

/**
 * A channel's stats and series, polled by dashboards like events (a strong ETag over the body, the same on every
 * instance for a whole minute, 304 on {@code If-None-Match}, a live page's {@code Cache-Control} and
 * {@code Poll-Interval}), on Vert.x routes ahead of Jakarta REST as polls are: at a million channels nearly every
 * request is a cold database read, and Jakarta REST's, Mutiny's and context propagation's share of it counted
 * (docs/decisions/0016-channel-stats-as-vertx-routes.md).
 */
@ApplicationScoped
class ChannelStatsRoute {

    private static final String STATS = "/v1/channels/:channel/stats";
    private static final String SERIES = "/v1/channels/:channel/stats/series";
    private static final String STATS_SUFFIX = "/stats";
    private static final String SERIES_SUFFIX = "/stats/series";
    private static final String ALLOW = "GET, HEAD, OPTIONS";

    private final StatsRepository stats;
    private final StatsBodies bodies;
    private final PollResponses responses;
    private final AccessGuard guard;
    private final StatsAnswers answers;

    ChannelStatsRoute(StatsRepository stats, StatsBodies bodies, PollResponses responses, AccessGuard guard,
            StatsAnswers answers) {
        this.stats = stats;
        this.bodies = bodies;
        this.responses = responses;
        this.guard = guard;
        this.answers = answers;
    }

    void register(@Observes Router router) {
        // Reads of a channel named plainly, matched by hand ahead of the routes below (ChannelPaths).
        router.route().order(Pipeline.PLAIN_STATS).handler(context -> {
            HttpMethod method = context.request().method();
            if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
                String path = context.normalizedPath();
                String channel = ChannelPaths.plainChannel(path, STATS_SUFFIX);
                if (channel != null) {
                    channel(context, channel);
                    return;
                }
                channel = ChannelPaths.plainChannel(path, SERIES_SUFFIX);
                if (channel != null) {
                    series(context, channel);
                    return;
                }
            }
            context.next();
        });
        router.route(STATS)
                .order(Pipeline.ROUTES)
                .handler(context -> dispatch(context, named -> channel(named, named.pathParam("channel"))));
        router.route(SERIES)
                .order(Pipeline.ROUTES)
                .handler(context -> dispatch(context, named -> series(named, named.pathParam("channel"))));
    }

    private static void dispatch(RoutingContext context, Handler<RoutingContext> read) {
        switch (context.request().method().name()) {
            case "GET", "HEAD" -> read.handle(context);
            case "OPTIONS" -> context.response().putHeader(PollfeedHeaders.ALLOW, ALLOW).setStatusCode(204).end();
            default -> context.fail(Problem.methodNotAllowed(ALLOW));
        }
    }

    private void channel(RoutingContext context, String channelName) {
        ChannelName name = ChannelName.parse(channelName);
        String channel = name.value();
        answer(context, name, "channel " + channel,
                done -> stats.channel(channel, written(row -> bodies.channel(channel, row), done)));
    }

    private void series(RoutingContext context, String channelName) {
        ChannelName name = ChannelName.parse(channelName);
        QueryParameters query = QueryParameters.of(context.queryParams());
        SeriesWindow window = SeriesWindow.parse(query.single("bucket"), query.single("from"), query.single("to"),
                Instant.now());
        answer(context, name, "series " + name.value() + " " + window.key(),
                done -> stats.series(name.value(), window.from().atOffset(ZoneOffset.UTC),
                        window.to().atOffset(ZoneOffset.UTC), window.bucketMinutes(),
                        written(rows -> bodies.series(window, rows), done)));
    }

    /**
     * Credentials are checked first, every time (a body does not depend on who asks); an anonymous reader of a public
     * channel without waiting.
     */
    private void answer(RoutingContext context, ChannelName name, String key, Read read) {
        List<String> authorization = context.request().headers().getAll(HeaderNames.AUTHORIZATION);
        List<ChannelName> names = List.of(name);
        if (guard.readAtOnce(authorization, names) == Visibility.PUBLIC) {
            serve(context, key, read, Visibility.PUBLIC);
        } else {
            guard.read(authorization, names)
                    .subscribe()
                    .with(visibility -> serve(context, key, read, visibility), context::fail);
        }
    }

    /**
     * The answer kept for the bound, or one read (one shared statement), kept when asked before. Callbacks, not a
     * {@code Uni} per request (bench/README.md, "Channel stats on routes").
     */
    private void serve(RoutingContext context, String key, Read read, Visibility visibility) {
        StatsAnswer kept = answers.kept(key);
        if (kept != null) {
            respond(context, kept, visibility);
            return;
        }
        boolean keep = answers.keeps(key);
        read.start((answer, failure) -> {
            if (failure != null) {
                context.fail(failure);
                return;
            }
            if (keep) {
                answers.keep(key, answer);
            }
            respond(context, answer, visibility);
        });
    }

    /** Writes the answer from what was read; a failure to write is the request's failure, never a thrown exception. */
    private static <R> BiConsumer<R, Throwable> written(Function<R, StatsAnswer> write,
            BiConsumer<StatsAnswer, Throwable> done) {
        return (rows, failure) -> {
            StatsAnswer answer = null;
            if (failure == null) {
                try {
                    answer = write.apply(rows);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            done.accept(answer, failure);
        };
    }

    /** Starts one read, handing its answer (or failure) to {@code done} on the request's context. */
    @FunctionalInterface
    private interface Read {

        void start(BiConsumer<StatsAnswer, Throwable> done);
    }

    private void respond(RoutingContext context, StatsAnswer answer, Visibility visibility) {
        try {
            if (EntityTags.matches(context.request().headers().getAll(HeaderNames.IF_NONE_MATCH), answer.etag())) {
                responses.notModified(context.response(), answer.etag(), false, visibility);
            } else {
                responses.ok(context.response(), answer.body(), answer.etag(), false, visibility);
            }
        } catch (RuntimeException e) {
            context.fail(e);
        }
    }
}
