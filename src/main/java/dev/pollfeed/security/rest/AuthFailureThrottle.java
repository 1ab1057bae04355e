package dev.pollfeed.security.rest;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.config.SecurityConfig;
import dev.pollfeed.http.PipelineStep;
import dev.pollfeed.problem.Problem;
import dev.pollfeed.problem.ProblemDocuments;

/**
 * Slows down guessing on servers: a source whose credentials were refused {@code max-per-source} times within the
 * window gets 429 with {@code Retry-After} for every request that carries credentials until the window ends, before
 * any verification. Requests without credentials (public channels) are never held back, and other sources are not
 * affected: the check is one lookup in a bounded in-memory cache. Off on Lambda, where API Gateway throttles.
 */
@ApplicationScoped
public class AuthFailureThrottle implements PipelineStep {

    private final ProblemDocuments problems;
    private final SourceFailures failures;
    private final boolean enabled;

    AuthFailureThrottle(PollfeedConfig config, ProblemDocuments problems) {
        SecurityConfig.AuthFailures settings = config.security().authFailures();
        this.problems = problems;
        this.enabled = settings.maxPerSource() > 0;
        this.failures = new SourceFailures(Math.max(1, settings.maxPerSource()), settings.window(),
                Math.max(1, settings.maxSources()));
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** Behind CORS in the pipeline, so that a browser can read its 429. */
    @Override
    public boolean admit(RoutingContext context) {
        if (context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            return true;
        }
        SocketAddress remote = context.request().remoteAddress();
        // hostAddress() is null when the address came from X-Forwarded-For; host() then holds it.
        String source = SourceFailures.of(remote == null
                ? null
                : remote.hostAddress() != null ? remote.hostAddress() : remote.host());
        long retryAfter = failures.retryAfterSeconds(source);
        if (retryAfter > 0) {
            problems.write(tooManyFailures(retryAfter), context.response());
            return false;
        }
        context.addHeadersEndHandler(ignored -> {
            if (context.response().getStatusCode() == 401) {
                failures.failed(source);
            }
        });
        return true;
    }

    /** A source that sent too many refused credentials (docs/security.md); anonymous requests still pass. */
    private static Problem tooManyFailures(long retryAfterSeconds) {
        return Problem.of(429, "too-many-failures", "Too many failed authentications",
                "Too many requests from this address carried invalid credentials; retry after " + retryAfterSeconds
                        + " s.")
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    /** Sources currently remembered (tests of the bound). */
    long sources() {
        return failures.sources();
    }
}
