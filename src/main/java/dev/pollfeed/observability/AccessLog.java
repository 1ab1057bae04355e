package dev.pollfeed.observability;

import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * One log line per API request with its AWS request id (on Lambda), channel, status and duration as structured
 * fields: on Lambda the JSON formatter turns them into queryable keys for CloudWatch Logs Insights. Sampled
 * ({@code pollfeed.access-log.sample-every}: one request in 100 on Lambda, where log bytes are billed), except 5xx
 * answers, which are always logged at WARN. Silence the rest with
 * {@code quarkus.log.category."dev.pollfeed.access".level=WARN}.
 * <p>
 * A handler of the one request pipeline ({@code dev.pollfeed.http.Pipeline}): routes and Jakarta REST resources alike.
 */
public final class AccessLog {

    private static final Logger LOG = Logger.getLogger("dev.pollfeed.access");
    private static final String CHANNELS = "/v1/channels/";
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static volatile int sampleEvery = 1;

    /** One request in {@code every} is logged (1: all, 0 or less: none but 5xx). */
    static void sampleEvery(int every) {
        sampleEvery = every;
    }

    private AccessLog() {
    }

    /** Notes the start and logs the line when the answer has gone out; the pipeline goes on with the request. */
    public static void handle(RoutingContext context) {
        long started = System.nanoTime();
        context.addEndHandler(ignored -> {
            int status = context.response().getStatusCode();
            if (!logged(status)) {
                return; // nothing to take apart when the line is not written (WARN level on servers)
            }
            HttpServerRequest http = context.request();
            String path = http.path();
            record(http.method().name(), path, status, started, channel(path), http);
        });
    }

    /** The channel a {@code /v1/channels/{channel}/...} path names, or null. */
    static String channel(String path) {
        if (path == null || !path.startsWith(CHANNELS)) {
            return null;
        }
        int end = path.indexOf('/', CHANNELS.length());
        return end < 0 ? null : path.substring(CHANNELS.length(), end);
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

    private static void record(String method, String path, int status, Long startedNanos, String channel,
            HttpServerRequest http) {
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
