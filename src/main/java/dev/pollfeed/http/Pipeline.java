package dev.pollfeed.http;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.arc.All;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

import dev.pollfeed.observability.AccessLog;
import dev.pollfeed.problem.ProblemDocuments;

/**
 * The one request pipeline: what every request goes through, once, whether a Vert.x route (polls, publishes) or a
 * Jakarta REST resource (keys, stats) answers it, in order: access log, CORS, the
 * slow-down of sources whose credentials keep failing ({@link PipelineStep}), request limits, the deadline of request
 * bodies, all in one router handler; then the routes
 * ({@link #ROUTES}) and Jakarta REST behind them. One failure handler renders whatever a handler or route fails with
 * as a problem document; Jakarta REST's exception mappers hand theirs to the same renderer.
 * <p>
 * A header on every answer goes in the pipeline's handler here, ahead of CORS so that preflights carry it too, with
 * {@code context.addHeadersEndHandler}; its name goes in {@link PollfeedHeaders} (and {@link PollfeedHeaders#EXPOSED}
 * when pages on other origins must read it) (docs/decisions/0013-one-request-pipeline.md).
 */
@ApplicationScoped
public class Pipeline {

    private static final int PIPELINE = Integer.MIN_VALUE;
    /** The order of the Vert.x routes: behind the pipeline's handler, ahead of Jakarta REST's route. */
    public static final int ROUTES = -10;
    /** Polls of a plainly named channel, matched by hand ({@link ChannelPaths}): first, they are the hot path. */
    public static final int PLAIN_POLLS = ROUTES - 2;
    /** A plainly named channel's stats and series, matched by hand after the polls. */
    public static final int PLAIN_STATS = ROUTES - 1;

    /**
     * The pipeline's parts are injected here and run in one router handler, in order: one {@code RoutingContext.next}
     * per request instead of one per part (bench/README.md, "Polls from memory: the JVM's part").
     */
    void register(@Observes Router router, ProblemDocuments problems, Cors cors, @All List<PipelineStep> steps,
            RequestLimits limits, BodyDeadline bodyDeadline) {
        Cors corsOn = cors.enabled() ? cors : null;
        PipelineStep[] stepsOn = steps.stream().filter(PipelineStep::enabled).toArray(PipelineStep[]::new);
        BodyDeadline deadlineOn = bodyDeadline.enabled() ? bodyDeadline : null;
        router.route().order(PIPELINE).failureHandler(problems::handle);
        router.route().order(PIPELINE).handler(context -> {
            AccessLog.handle(context);
            if (corsOn != null && !corsOn.admit(context)) {
                return;
            }
            for (PipelineStep step : stepsOn) {
                if (!step.admit(context)) {
                    return;
                }
            }
            limits.check(context);
            if (deadlineOn != null && context.request().method() == HttpMethod.POST) {
                deadlineOn.start(context);
            }
            context.next();
        });
    }
}
