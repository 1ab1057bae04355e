package dev.pollfeed.problem;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Failures of Jakarta REST resources as {@code application/problem+json}; what each failure amounts to is decided in
 * {@link ProblemDocuments}, shared with the Vert.x routes of the poll path.
 */
public class ProblemMappers {

    public static final String PROBLEM_JSON = ProblemDocuments.PROBLEM_JSON;

    private final ProblemDocuments documents;

    ProblemMappers(ProblemDocuments documents) {
        this.documents = documents;
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
        return render(documents.of(throwable));
    }

    private Response render(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        problem.headers().forEach(response::header);
        return response.entity(documents.body(problem)).build();
    }

    private static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Client error" : known.getReasonPhrase();
    }
}
