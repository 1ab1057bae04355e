package dev.pollfeed.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import dev.pollfeed.config.PollfeedConfig;

/**
 * CORS for browser apps on other origins, a handler of the one {@link Pipeline} ahead of every route (servers and Lambda alike; on Lambda, API Gateway's
 * own CORS answers first when the templates configure it).
 * <p>
 * Written here rather than taken from Quarkus's filter for two reasons. An origin that is not allowed gets the normal
 * answer without CORS headers, which the browser keeps from the page, instead of a bare 403 that is no problem
 * document. And every answer says {@code Vary: Origin} when the allowed origins are a list, so that a cache never
 * hands one origin's {@code Access-Control-Allow-Origin} to another.
 */
@ApplicationScoped
class Cors {

    static final String ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, If-None-Match, Idempotency-Key";
    static final String EXPOSED_HEADERS = String.join(", ", PollfeedHeaders.EXPOSED);
    /** Browsers cap it lower (Chrome: 2 h); the preflight of a poll then costs one request per tab and two hours. */
    static final String MAX_AGE = "86400";

    private final boolean any;
    private final Set<String> origins;

    Cors(PollfeedConfig config) {
        List<String> configured = config.cors()
                .origins()
                .orElse(List.of())
                .stream()
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList();
        this.any = configured.contains("*");
        this.origins = configured.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Whether any origin is allowed: without one, CORS adds nothing to any answer. */
    boolean enabled() {
        return any || !origins.isEmpty();
    }

    /** Adds the CORS headers; false when this was a preflight, answered here. */
    boolean admit(RoutingContext context) {
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        HttpServerResponse response = context.response();
        if (!any) {
            // Answers differ by Origin whenever a list decides: caches must keep them apart, even without one.
            context.addHeadersEndHandler(ignored -> appendVary(response));
        }
        boolean allowed = origin != null && (any || origins.contains(origin.toLowerCase(Locale.ROOT)));
        boolean preflight = origin != null && context.request().method() == HttpMethod.OPTIONS
                && context.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (allowed) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, any ? "*" : origin);
        }
        if (preflight) {
            if (allowed) {
                response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                        .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
            }
            response.setStatusCode(204).end();
            return false;
        }
        if (allowed) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        return true;
    }

    private static void appendVary(HttpServerResponse response) {
        String vary = response.headers().get(HttpHeaders.VARY);
        response.headers().set(HttpHeaders.VARY, vary == null || vary.isBlank() ? "Origin" : vary + ", Origin");
    }
}
