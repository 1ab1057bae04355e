package dev.pollfeed.observability;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * One log line per API request with its AWS request id (on Lambda), channel, status and duration as structured
 * fields: on Lambda the JSON formatter turns them into queryable keys for CloudWatch Logs Insights. Sampled
 * ({@code pollfeed.access-log.sample-every}: one request in 100 on Lambda, where log bytes are billed), except 5xx
 * answers, which are always logged at WARN. Silence the rest with
 * {@code quarkus.log.category."dev.pollfeed.access".level=WARN}.
 */
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("dev.pollfeed.access");
    private static final String STARTED = AccessLog.class.getName() + ".started";
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static volatile int sampleEvery = 1;

    /** One request in {@code every} is logged (1: all, 0 or less: none but 5xx). */
    static void sampleEvery(int every) {
        sampleEvery = every;
    }

    @ServerRequestFilter(preMatching = true)
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void log(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        if (!logged(response.getStatus())) {
            return;
        }
        Object started = request.getProperty(STARTED);
        record(request.getMethod(), request.getUriInfo().getPath(), response.getStatus(),
                started instanceof Long nanos ? nanos : null,
                request.getUriInfo().getPathParameters().getFirst("channel"), http);
    }

    /** 5xx always; the rest when INFO is on and the request is one of the sample. */
    static boolean logged(int status) {
        if (status >= 500) {
            return true;
        }
        if (!LOG.isInfoEnabled()) {
            return false;
        }
        int every = sampleEvery;
        return every == 1 || every > 1 && REQUESTS.incrementAndGet() % every == 0;
    }

    /** The line of a request answered outside Jakarta REST (the Vert.x routes of the poll path). */
    public static void record(String method, String path, int status, Long startedNanos, String channel,
            HttpServerRequest http) {
        if (!logged(status)) {
            return;
        }
        double millis = startedNanos != null ? (System.nanoTime() - startedNanos) / 1e6 : -1;
        String requestId = LambdaRequestId.of(http);
        MDC.put("status", status);
        MDC.put("durationMs", Math.round(millis * 10) / 10.0);
        if (channel != null) {
            MDC.put("channel", channel);
        }
        if (requestId != null) {
            MDC.put("requestId", requestId);
        }
        try {
            LOG.logf(status >= 500 ? Logger.Level.WARN : Logger.Level.INFO, "%s %s %d %.1f ms", method, path, status,
                    millis);
        } finally {
            MDC.remove("status");
            MDC.remove("durationMs");
            MDC.remove("channel");
            MDC.remove("requestId");
        }
    }
}
