package dev.pollfeed.http;

import java.util.List;
import java.util.function.Function;

import io.vertx.core.MultiMap;

import dev.pollfeed.problem.Problem;

/** Query parameters that must appear at most once: a repeated cursor is ambiguous, so it is a 400, not a guess. */
public final class QueryParameters {

    private final Function<String, List<String>> parameters;

    private QueryParameters(Function<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    /** The decoded parameters of a request (a route's, or a resource's {@code HttpServerRequest}). */
    public static QueryParameters of(MultiMap parameters) {
        return new QueryParameters(parameters::getAll);
    }

    /** The parameter's value, or null when absent. */
    public String single(String name) {
        List<String> values = parameters.apply(name);
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
