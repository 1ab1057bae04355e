package dev.pollfeed.http;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.problem.Problem;

/**
 * What every request must satisfy before any route or resource sees it, as a handler of the one {@link Pipeline}.
 * <ul>
 * <li>No {@code ;} in the path. Jakarta REST reads {@code /v1/channels/a;b/events} as channel {@code a} with a matrix
 * parameter {@code b}: a name that means one thing to a proxy, a WAF rule or a log reader and another to pollfeed. No
 * pollfeed path uses matrix parameters, so none is accepted.</li>
 * <li>A body announced as too large is turned away before any of it is read, with the same 413 problem document the
 * parsers give for bodies without a Content-Length.</li>
 * </ul>
 */
@ApplicationScoped
class RequestLimits {

    private final int maxRequestBytes;

    RequestLimits(PollfeedConfig config) {
        this.maxRequestBytes = config.limits().maxRequestBytes();
    }

    /** Throws the 400 or 413 problem when the request breaks a limit. */
    void check(RoutingContext context) {
        check(context.request().path(), context.request().getHeader(HttpHeaders.CONTENT_LENGTH), maxRequestBytes);
    }

    /** {@code %3b} in any case, without a lower-cased copy of every path. */
    private static boolean encodedSemicolon(String path) {
        for (int at = path.indexOf('%'); at >= 0; at = path.indexOf('%', at + 1)) {
            if (path.regionMatches(true, at, "%3b", 0, 3)) {
                return true;
            }
        }
        return false;
    }

    /** Throws the 400 or 413 problem when the path or the announced length breaks a limit. */
    static void check(String path, String length, int limit) {
        if (path != null && (path.indexOf(';') >= 0 || encodedSemicolon(path))) {
            throw Problem.badRequest("The path contains ';', which no pollfeed path has.");
        }
        if (length == null) {
            return;
        }
        long announced;
        try {
            announced = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            throw Problem.badRequest("Content-Length is not a number.");
        }
        if (announced > limit) {
            throw Problem.tooLarge("The request body is " + announced + " bytes; the limit is " + limit + ".");
        }
    }
}
