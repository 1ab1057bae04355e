package dev.pollfeed.http;

import io.vertx.ext.web.RoutingContext;

/**
 * A part of the one request {@link Pipeline} that lives in a feature package (security's slow-down of refused
 * credentials), run in the pipeline's one handler after CORS and before the request limits.
 */
public interface PipelineStep {

    /** False when the step is off (its setting): the pipeline then leaves it out. */
    boolean enabled();

    /**
     * Looks at the request; true lets it go on, false means the step has answered it (or will) and nothing after it
     * runs. May throw a problem, which the pipeline's failure handler renders.
     */
    boolean admit(RoutingContext context);
}
