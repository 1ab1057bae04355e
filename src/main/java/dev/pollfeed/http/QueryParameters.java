package dev.pollfeed.http;

import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import dev.pollfeed.problem.Problem;

/** Query parameters that must appear at most once: a repeated cursor is ambiguous, so it is a 400, not a guess. */
public final class QueryParameters {

    private final MultivaluedMap<String, String> parameters;

    private QueryParameters(MultivaluedMap<String, String> parameters) {
        this.parameters = parameters;
    }

    public static QueryParameters of(UriInfo uri) {
        return new QueryParameters(uri.getQueryParameters(true));
    }

    /** The parameter's value, or null when absent. */
    public String single(String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw Problem.badRequest("The query parameter '" + name + "' is given " + values.size()
                    + " times; give it once.");
        }
        return values.get(0);
    }
}
