package dev.pollfeed.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import dev.pollfeed.db.DatabaseFailures;
import dev.pollfeed.kernel.Refusal;
import dev.pollfeed.kernel.Unavailable;
import dev.pollfeed.observability.PollfeedMetrics;

/**
 * The one renderer of failures, for Vert.x routes (the pipeline's failure handler) and Jakarta REST resources
 * ({@link ProblemMappers} delegates here) alike: every error is {@code application/problem+json} (RFC 9457), never a
 * stack trace, and a client's mistake is never a 500.
 */
@ApplicationScoped
public class ProblemDocuments {

    public static final String PROBLEM_JSON = "application/problem+json";
    /** RFC 6750's challenge: bare when no credentials came, with an error code when they proved nothing. */
    private static final String CHALLENGE = "Bearer realm=\"pollfeed\"";
    private static final String INVALID_TOKEN_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

    private static final Logger LOG = Logger.getLogger(ProblemDocuments.class);
    private final ObjectMapper json;
    private final PollfeedMetrics metrics;

    ProblemDocuments(ObjectMapper json, PollfeedMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    /** The problem a failure amounts to; unexpected ones are logged. */
    public Problem of(Throwable throwable) {
        Problem known = DatabaseFailures.find(throwable, Problem.class);
        if (known != null) {
            return known;
        }
        Refusal refused = DatabaseFailures.find(throwable, Refusal.class);
        if (refused != null) {
            return of(refused);
        }
        Unavailable unavailable = DatabaseFailures.find(throwable, Unavailable.class);
        if (unavailable != null) {
            return of(unavailable);
        }
        String sqlState = DatabaseFailures.sqlState(throwable);
        if (sqlState != null && sqlState.startsWith("22")) {
            // Data exceptions (class 22): input PostgreSQL cannot store that validation let through. Still the
            // client's value, so a 400; the transaction rolled back, so nothing was stored.
            LOG.warnf("Database rejected a client value: %s", throwable.toString());
            return Problem.badRequest("The database cannot store a value of this request (SQLSTATE " + sqlState + ").");
        }
        DatabaseFailures.Kind fault = DatabaseFailures.classify(throwable);
        if (fault != null) {
            LOG.warnf("Database %s: %s", fault, throwable.toString());
            return of(DatabaseFailures.unavailable(fault));
        }
        LOG.error("Unexpected failure", throwable);
        return Problem.of(500, "server-error", "Server error", "The server failed to answer this request.");
    }

    /** The one place where what the domain refuses becomes a status and its headers. */
    static Problem of(Refusal refused) {
        int status = switch (refused.reason()) {
            case INVALID -> 400;
            case UNAUTHENTICATED, BAD_CREDENTIALS -> 401;
            case FORBIDDEN -> 403;
            case EXPIRED -> 410;
            case CONFLICT -> 422; // the Idempotency-Key draft's status for a key reused with another request
            case RATE_LIMITED -> 429;
        };
        Problem problem = withDetails(Problem.of(status, refused.slug(), refused.title(), refused.detail()),
                refused.details());
        if (refused.reason() == Refusal.Reason.UNAUTHENTICATED) {
            problem = problem.withHeader("WWW-Authenticate", CHALLENGE);
        } else if (refused.reason() == Refusal.Reason.BAD_CREDENTIALS) {
            problem = problem.withHeader("WWW-Authenticate", INVALID_TOKEN_CHALLENGE);
        }
        return refused.retryAfterSeconds() > 0
                ? problem.withHeader("Retry-After", Long.toString(refused.retryAfterSeconds()))
                : problem;
    }

    /** The one place where an infrastructure fault becomes an answer: 503 and when to retry, never 500. */
    static Problem of(Unavailable unavailable) {
        return withDetails(Problem.of(503, unavailable.slug(), unavailable.title(), unavailable.detail()),
                unavailable.details())
                .withHeader("Retry-After", Long.toString(unavailable.retryAfterSeconds()));
    }

    private static Problem withDetails(Problem problem, Map<String, Object> details) {
        for (Map.Entry<String, Object> detail : details.entrySet()) {
            problem = problem.with(detail.getKey(), detail.getValue());
        }
        return problem;
    }

    /** The problem of a bare status (a route that failed with a code, Jakarta REST's own 404/405/406/415). */
    public static Problem ofStatus(int status, String message) {
        return switch (status) {
            case 404 -> Problem.of(404, "not-found", "Not found", "No resource at this path.");
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed",
                    "This resource does not support the request's method.");
            case 406 -> Problem.of(406, "not-acceptable", "Not acceptable", "This resource answers application/json.");
            case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "Send the body as Content-Type: application/json.");
            default -> status >= 500
                    ? Problem.of(status, "server-error", "Server error", "The server could not answer this request.")
                    : Problem.of(status, "client-error", reasonPhrase(status), message);
        };
    }

    private static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Client error" : known.getReasonPhrase();
    }

    /** Every header of the problem's answer, in the order written. */
    public Map<String, String> headers(Problem problem) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", PROBLEM_JSON);
        headers.put("Cache-Control", "no-store");
        headers.putAll(problem.headers());
        return headers;
    }

    /** The document's bytes; a client error is counted on the way. */
    public byte[] body(Problem problem) {
        if (problem.status() >= 400 && problem.status() < 500) {
            metrics.rejected(problem.status(), problem.slug());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.putAll(problem.extensions());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document could not be written", e);
        }
    }

    /** The pipeline's failure handler: whatever failed on a route is answered with its problem document. */
    public void handle(RoutingContext context) {
        Throwable failure = context.failure();
        write(failure != null ? of(failure) : ofStatus(context.statusCode(), null), context.response());
    }

    /** Answers a Vert.x route's request with the failure's problem document. */
    public void write(Throwable failure, HttpServerResponse response) {
        write(of(failure), response);
    }

    private void write(Problem problem, HttpServerResponse response) {
        byte[] body = body(problem);
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(problem.status());
        headers(problem).forEach(response::putHeader);
        response.end(Buffer.buffer(body));
    }
}
