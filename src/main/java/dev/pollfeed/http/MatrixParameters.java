package dev.pollfeed.http;

import java.util.Locale;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

import dev.pollfeed.problem.Problem;

/**
 * Refuses paths with {@code ;}. Jakarta REST reads {@code /v1/channels/a;b/events} as channel {@code a} with a matrix
 * parameter {@code b}: a name that means one thing to a proxy, a WAF rule or a log reader and another to pollfeed. No
 * pollfeed path uses matrix parameters, so none is accepted.
 */
public class MatrixParameters {

    @ServerRequestFilter(preMatching = true)
    public void rejectMatrixParameters(HttpServerRequest request) {
        check(request.path());
    }

    /** Throws the 400 problem when the raw path has a {@code ;}, plain or encoded. */
    public static void check(String path) {
        if (path != null && (path.indexOf(';') >= 0 || path.toLowerCase(Locale.ROOT).contains("%3b"))) {
            throw Problem.badRequest("The path contains ';', which no pollfeed path has.");
        }
    }
}
