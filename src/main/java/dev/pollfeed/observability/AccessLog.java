package dev.pollfeed.observability;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * One log line per API request with its AWS request id (on Lambda), channel, status and duration as structured
 * fields: on Lambda the JSON formatter turns them into queryable keys for CloudWatch Logs Insights. Silence it with
 * {@code quarkus.log.category."dev.pollfeed.access".level=WARN}.
 */
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("dev.pollfeed.access");
    private static final String STARTED = AccessLog.class.getName() + ".started";

    @ServerRequestFilter(preMatching = true)
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void log(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Object started = request.getProperty(STARTED);
        record(request.getMethod(), request.getUriInfo().getPath(), response.getStatus(),
                started instanceof Long nanos ? nanos : null,
                request.getUriInfo().getPathParameters().getFirst("channel"), http);
    }

    /** The line of a request answered outside Jakarta REST (the Vert.x routes of the poll path). */
    public static void record(String method, String path, int status, Long startedNanos, String channel,
            HttpServerRequest http) {
        if (!LOG.isInfoEnabled()) {
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
            LOG.infof("%s %s %d %.1f ms", method, path, status, millis);
        } finally {
            MDC.remove("status");
            MDC.remove("durationMs");
            MDC.remove("channel");
            MDC.remove("requestId");
        }
    }
}
