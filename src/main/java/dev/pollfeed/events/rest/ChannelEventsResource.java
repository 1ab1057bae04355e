package dev.pollfeed.events.rest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.events.api.PollfeedHeaders;
import dev.pollfeed.events.domain.ChannelName;
import dev.pollfeed.events.domain.NewEvent;
import dev.pollfeed.events.service.PublishService;
import dev.pollfeed.observability.PollfeedMetrics;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.security.service.AccessGuard;

/** {@code POST /v1/channels/{channel}/events}: publish to one channel (polling it is {@link PollRoutes}). */
@Path("/v1/channels/{channel}/events")
public class ChannelEventsResource {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

    private final PublishService publisher;
    private final PublishBodyParser parser;
    private final ResponseBodies bodies;
    private final PollfeedMetrics metrics;
    private final AccessGuard guard;

    ChannelEventsResource(PublishService publisher, PublishBodyParser parser, ResponseBodies bodies,
            PollfeedMetrics metrics, AccessGuard guard) {
        this.publisher = publisher;
        this.parser = parser;
        this.bodies = bodies;
        this.metrics = metrics;
        this.guard = guard;
    }

    @POST
    public Uni<Response> publish(@RestPath String channel, @Context HttpHeaders headers, byte[] body) {
        ChannelName name = ChannelName.parse(channel);
        long started = System.nanoTime();
        // Credentials first: a refused request is not parsed, let alone stored.
        return guard.publish(headers, name).chain(() -> {
            requireJson(headers.getRequestHeader(HttpHeaders.CONTENT_TYPE));
            Optional<String> key = idempotencyKey(headers.getRequestHeader(PollfeedHeaders.IDEMPOTENCY_KEY));
            List<NewEvent> events = parser.parse(body == null ? new byte[0] : body);
            return publisher.publish(name, events, key);
        })
                .invoke(outcome -> metrics.published(outcome.events().size(), outcome.replayed(),
                        Duration.ofNanos(System.nanoTime() - started)))
                .map(outcome -> Response
                        .status(outcome.replayed() ? Response.Status.OK : Response.Status.CREATED)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(bodies.published(outcome.channel(), outcome.events()))
                        .header(PollfeedHeaders.CACHE_CONTROL, "no-store")
                        .header(PollfeedHeaders.IDEMPOTENT_REPLAYED, outcome.replayed() ? "true" : null)
                        .build());
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
}
