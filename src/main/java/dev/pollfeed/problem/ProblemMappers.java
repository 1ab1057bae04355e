package dev.pollfeed.problem;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.pgclient.PgException;

import dev.pollfeed.observability.PollfeedMetrics;

/**
 * The one place where failures become HTTP responses: every error is {@code application/problem+json} (RFC 9457),
 * never a stack trace, and a client's mistake is never a 500.
 */
public class ProblemMappers {

    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Connection-level failures: the database is unreachable or went away mid-request; worth a retry. */
    private static final Set<String> UNAVAILABLE_CAUSES = Set.of("java.net.ConnectException",
            "io.vertx.core.impl.NoStackTraceThrowable", "io.vertx.core.VertxException",
            "io.netty.channel.ConnectTimeoutException", "io.vertx.sqlclient.ClosedConnectionException",
            "java.util.concurrent.TimeoutException");

    private final ObjectMapper json;
    private final PollfeedMetrics metrics;

    ProblemMappers(ObjectMapper json, PollfeedMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response problem(Problem problem) {
        return render(problem);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        Problem problem = switch (status) {
            case 404 -> Problem.of(404, "not-found", "Not found", "No resource at this path.");
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed",
                    "This resource does not support the request's method.");
            case 406 -> Problem.of(406, "not-acceptable", "Not acceptable", "This resource answers application/json.");
            case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "Send the body as Content-Type: application/json.");
            default -> status >= 500
                    ? Problem.of(status, "server-error", "Server error", "The server could not answer this request.")
                    : Problem.of(status, "client-error", reasonPhrase(status), exception.getMessage());
        };
        List<Object> allow = original.getHeaders().get(HttpHeaders.ALLOW);
        if (allow != null && !allow.isEmpty()) {
            problem = problem.withHeader(HttpHeaders.ALLOW, String.join(", ", allow.stream().map(String::valueOf).toList()));
        }
        return render(problem);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable throwable) {
        Problem known = find(throwable, Problem.class);
        if (known != null) {
            return render(known);
        }
        String sqlState = sqlState(throwable);
        if (sqlState != null && sqlState.startsWith("22")) {
            // Data exceptions (class 22): input PostgreSQL cannot store that validation let through. Still the
            // client's value, so a 400; the transaction rolled back, so nothing was stored.
            LOG.warnf("Database rejected a client value: %s", throwable.toString());
            return render(Problem.badRequest("The database cannot store a value of this request (SQLSTATE "
                    + sqlState + ")."));
        }
        if (sqlState == null && isUnavailable(throwable)) {
            LOG.warnf("Database unavailable: %s", throwable.toString());
            return render(Problem.of(503, "unavailable", "Service unavailable",
                    "The database is not reachable right now; retry later.").withHeader("Retry-After", "1"));
        }
        LOG.error("Unexpected failure", throwable);
        return render(Problem.of(500, "server-error", "Server error", "The server failed to answer this request."));
    }

    private Response render(Problem problem) {
        if (problem.status() >= 400 && problem.status() < 500) {
            metrics.rejected(problem.status(), problem.slug());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.putAll(problem.extensions());
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        problem.headers().forEach(response::header);
        try {
            return response.entity(json.writeValueAsBytes(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document could not be written", e);
        }
    }

    private static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Client error" : known.getReasonPhrase();
    }

    /** The SQLSTATE from the Vert.x client, or from Hibernate Reactive's JDBC-style wrapping of it. */
    private static String sqlState(Throwable throwable) {
        PgException pg = find(throwable, PgException.class);
        if (pg != null) {
            return pg.getSqlState();
        }
        SQLException sql = find(throwable, SQLException.class);
        return sql == null ? null : sql.getSQLState();
    }

    private static boolean isUnavailable(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            if (UNAVAILABLE_CAUSES.contains(t.getClass().getName())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable throwable, Class<T> type) {
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
