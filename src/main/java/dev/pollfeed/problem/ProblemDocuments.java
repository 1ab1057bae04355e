package dev.pollfeed.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import dev.pollfeed.observability.PollfeedMetrics;

/**
 * What a failure tells the client, for Jakarta REST resources ({@link ProblemMappers}) and Vert.x routes alike:
 * every error is {@code application/problem+json} (RFC 9457), never a stack trace, and a client's mistake is never a
 * 500.
 */
@ApplicationScoped
public class ProblemDocuments {

    public static final String PROBLEM_JSON = "application/problem+json";

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
            return DatabaseFailures.problem(fault);
        }
        LOG.error("Unexpected failure", throwable);
        return Problem.of(500, "server-error", "Server error", "The server failed to answer this request.");
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

    /** Answers a Vert.x route's request with the failure's problem document. */
    public void write(Throwable failure, HttpServerResponse response) {
        Problem problem = of(failure);
        byte[] body = body(problem);
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", PROBLEM_JSON)
                .putHeader("Cache-Control", "no-store");
        problem.headers().forEach(response::putHeader);
        response.end(Buffer.buffer(body));
    }
}
