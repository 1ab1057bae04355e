package dev.pollfeed.problem;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Failures of Jakarta REST resources handed to {@link ProblemDocuments}, the one renderer the routes' failure handler
 * uses too.
 */
public class ProblemMappers {

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
        Problem problem = ProblemDocuments.ofStatus(original.getStatus(), exception.getMessage());
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
        Response.ResponseBuilder response = Response.status(problem.status());
        documents.headers(problem).forEach(response::header);
        return response.entity(documents.body(problem)).build();
    }
}
