package dev.pollfeed.http;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.problem.ProblemDocuments;

/**
 * A deadline for request bodies, which Vert.x does not have: its idle timeout restarts with every byte, so a body
 * trickled a byte at a time would hold its connection for as long as the client likes. A body still incomplete at
 * {@code pollfeed.limits.body-deadline} gets 408 (when nothing was answered yet) and its connection is closed.
 */
@ApplicationScoped
public class BodyDeadline {

    private final Vertx vertx;
    private final ProblemDocuments problems;
    private final long deadlineMillis;

    BodyDeadline(Vertx vertx, ProblemDocuments problems, PollfeedConfig config) {
        this.vertx = vertx;
        this.problems = problems;
        this.deadlineMillis = config.limits().bodyDeadline().toMillis();
    }

    boolean enabled() {
        return deadlineMillis > 0;
    }

    /** Starts the deadline of the request's body, unless it has all arrived. */
    void start(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!request.isEnded()) {
            long timer = vertx.setTimer(deadlineMillis, ignored -> expire(request, context.response()));
            context.addEndHandler(ignored -> {
                if (request.isEnded()) {
                    vertx.cancelTimer(timer);
                }
            });
        }
    }

    private void expire(HttpServerRequest request, HttpServerResponse response) {
        if (request.isEnded()) {
            return;
        }
        if (!response.ended() && !response.headWritten()) {
            response.putHeader("Connection", "close");
            problems.write(Problem.of(408, "request-timeout", "Request timeout", "The request body did not arrive"
                    + " within " + deadlineMillis / 1000 + " s; send it at once, and retry."), response);
        }
        request.connection().close();
    }
}
