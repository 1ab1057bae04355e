package dev.pollfeed.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import dev.pollfeed.observability.AccessLog;
import dev.pollfeed.problem.ProblemDocuments;

/**
 * The one request pipeline: what every request goes through, once, whether a Vert.x route (polls, publishes) or a
 * Jakarta REST resource (keys, stats) answers it, in order: access log, CORS, the
 * slow-down of sources whose credentials keep failing, request limits, the deadline of request bodies; then the routes
 * ({@link #ROUTES}) and Jakarta REST behind them. One failure handler renders whatever a handler or route fails with
 * as a problem document; Jakarta REST's exception mappers hand theirs to the same renderer.
 * <p>
 * A header on every answer goes in one handler here, ahead of CORS so that preflights carry it too, with
 * {@code context.addHeadersEndHandler}; its name goes in {@link PollfeedHeaders} (and {@link PollfeedHeaders#EXPOSED}
 * when pages on other origins must read it) (docs/decisions/0013-one-request-pipeline.md).
 */
@ApplicationScoped
public class Pipeline {

    private static final int ACCESS_LOG = Integer.MIN_VALUE;
    private static final int CORS = Integer.MIN_VALUE + 1;
    /** Refused-credential slow-down (security): behind CORS, so that a browser can read its 429. */
    public static final int AUTH_FAILURES = Integer.MIN_VALUE + 2;
    private static final int LIMITS = Integer.MIN_VALUE + 3;
    private static final int BODY_DEADLINE = Integer.MIN_VALUE + 4;
    /** The order of the Vert.x routes: behind the pipeline's handlers, ahead of Jakarta REST's route. */
    public static final int ROUTES = -10;

    /** The pipeline's parts are injected here: the handlers are registered once, when the router is built. */
    void register(@Observes Router router, ProblemDocuments problems, Cors cors, RequestLimits limits,
            BodyDeadline bodyDeadline) {
        router.route().order(ACCESS_LOG).failureHandler(problems::handle);
        router.route().order(ACCESS_LOG).handler(AccessLog::handle);
        if (cors.enabled()) {
            router.route().order(CORS).handler(cors::handle);
        }
        router.route().order(LIMITS).handler(limits::handle);
        if (bodyDeadline.enabled()) {
            router.route().method(HttpMethod.POST).order(BODY_DEADLINE).handler(bodyDeadline::handle);
        }
    }
}
