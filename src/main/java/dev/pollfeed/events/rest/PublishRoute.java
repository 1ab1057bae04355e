package dev.pollfeed.events.rest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.events.domain.NewEvent;
import dev.pollfeed.events.service.PublishOutcome;
import dev.pollfeed.events.service.PublishService;
import dev.pollfeed.http.PollfeedHeaders;
import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.observability.PollfeedMetrics;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.security.service.AccessGuard;

/**
 * {@code POST /v1/channels/{channel}/events}: publish to one channel, on the Vert.x route of the channel's events
 * ({@link EventsRoute}; docs/decisions/0001-polls-and-publishes-as-vertx-routes.md). Credentials are checked before the body is
 * looked at, so a refused request is neither parsed nor stored; a body is read up to the request limit and no further.
 */
@ApplicationScoped
class PublishRoute {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

    private final PublishService publisher;
    private final PublishBodyParser parser;
    private final ResponseBodies bodies;
    private final PollfeedMetrics metrics;
    private final AccessGuard guard;
    private final int maxRequestBytes;

    PublishRoute(PublishService publisher, PublishBodyParser parser, ResponseBodies bodies, PollfeedMetrics metrics,
            AccessGuard guard, PollfeedConfig config) {
        this.publisher = publisher;
        this.parser = parser;
        this.bodies = bodies;
        this.metrics = metrics;
        this.guard = guard;
        this.maxRequestBytes = config.limits().maxRequestBytes();
    }

    void publish(RoutingContext context) {
        long started = System.nanoTime();
        HttpServerRequest request = context.request();
        Body body = new Body(request, maxRequestBytes);
        Uni.createFrom().deferred(() -> {
            ChannelName name = ChannelName.parse(context.pathParam("channel"));
            // Credentials first: a refused request is not parsed, let alone stored.
            return guard.publish(request.headers().getAll(PollfeedHeaders.AUTHORIZATION), name).chain(() -> {
                requireJson(request.headers().getAll(PollfeedHeaders.CONTENT_TYPE));
                Optional<String> key = idempotencyKey(request.headers().getAll(PollfeedHeaders.IDEMPOTENCY_KEY));
                return body.read().chain(bytes -> {
                    List<NewEvent> events = parser.parse(bytes);
                    return publisher.publish(name, events, key);
                });
            });
        }).subscribe().with(outcome -> {
            metrics.published(outcome.events().size(), outcome.replayed(), Duration.ofNanos(System.nanoTime() - started));
            answer(context, outcome);
        }, context::fail);
    }

    private void answer(RoutingContext context, PublishOutcome outcome) {
        var response = context.response()
                .setStatusCode(outcome.replayed() ? 200 : 201)
                .putHeader(PollfeedHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .putHeader(PollfeedHeaders.CACHE_CONTROL, "no-store");
        if (outcome.replayed()) {
            response.putHeader(PollfeedHeaders.IDEMPOTENT_REPLAYED, "true");
        }
        response.end(Buffer.buffer(bodies.published(outcome.channel(), outcome.events())));
    }

    /** JSON is UTF-8 (RFC 8259): {@code application/json}, with {@code charset=utf-8} at most. */
    private static void requireJson(List<String> contentType) {
        if (contentType == null || contentType.size() != 1) {
            throw unsupported();
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType.get(0));
        } catch (IllegalArgumentException e) {
            throw unsupported();
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (!"application".equalsIgnoreCase(type.getType()) || !"json".equalsIgnoreCase(type.getSubtype())
                || (charset != null && !charset.equalsIgnoreCase("utf-8"))) {
            throw unsupported();
        }
    }

    private static Problem unsupported() {
        return Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "Send the events as Content-Type: application/json (UTF-8).");
    }

    private static Optional<String> idempotencyKey(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1 || !IDEMPOTENCY_KEY.matcher(values.get(0)).matches()) {
            throw Problem.of(400, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "Idempotency-Key must be given once, as 1-255 printable ASCII characters.");
        }
        return Optional.of(values.get(0));
    }

    /**
     * The request body, gathered from the moment the route is reached (nothing arriving meanwhile is lost while the
     * credentials are checked) up to the request limit: past it the rest is discarded as it comes and the read fails
     * with 413, so a long chunked body costs no memory.
     */
    private static final class Body {

        private final Buffer buffer = Buffer.buffer();
        private final Promise<byte[]> read = Promise.promise();
        private boolean tooLarge;

        Body(HttpServerRequest request, int limit) {
            request.handler(chunk -> {
                if (tooLarge) {
                    return;
                }
                if (buffer.length() + chunk.length() > limit) {
                    tooLarge = true;
                    read.tryFail(Problem.tooLarge("The request body is over " + limit + " bytes, the limit."));
                    return;
                }
                buffer.appendBuffer(chunk);
            });
            request.endHandler(ignored -> read.tryComplete(buffer.getBytes()));
            request.exceptionHandler(read::tryFail);
            request.resume();
        }

        Uni<byte[]> read() {
            return Uni.createFrom().completionStage(read.future().toCompletionStage());
        }
    }
}
