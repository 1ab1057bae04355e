package dev.pollfeed.retention;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.problem.Problem;

/**
 * The target of the scheduled invocation that prunes on AWS Lambda. Off unless
 * {@code pollfeed.retention.endpoint-enabled} is set, which the templates do only on the maintenance function, a
 * function with no API route: then only its schedule (or someone allowed to invoke it) can reach it.
 */
@Path("/internal/retention/run")
public class RetentionResource {

    private final RetentionService retention;
    private final boolean enabled;

    RetentionResource(RetentionService retention, PollfeedConfig config) {
        this.retention = retention;
        this.enabled = config.retention().endpointEnabled();
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<PruneReport> run() {
        if (!enabled) {
            throw Problem.of(404, "not-found", "Not found", "No resource at this path.");
        }
        return retention.prune();
    }
}
