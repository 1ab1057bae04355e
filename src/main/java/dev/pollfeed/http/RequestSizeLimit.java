package dev.pollfeed.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.problem.Problem;

/**
 * Turns away a body that announces itself as too large before any of it is read, with the same 413 problem document
 * the parser gives for bodies without a Content-Length.
 */
public class RequestSizeLimit {

    private final PollfeedConfig config;

    RequestSizeLimit(PollfeedConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public void rejectOversizedBodies(ContainerRequestContext request) {
        check(request.getHeaderString(HttpHeaders.CONTENT_LENGTH), config.limits().maxRequestBytes());
    }

    /** Throws the 413 problem (or 400 for a malformed length) for a body announced larger than {@code limit}. */
    public static void check(String length, int limit) {
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
