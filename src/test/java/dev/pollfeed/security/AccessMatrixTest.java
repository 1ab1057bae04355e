package dev.pollfeed.security;

import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.SecureProfile;
import dev.pollfeed.testing.Tokens;

/**
 * Every endpoint in every authentication state: none, bad, expired (a token past exp, a revoked key), wrong scope and
 * right scope. A refused publish must store nothing, which is checked after each one.
 */
@QuarkusTest
@TestProfile(SecureProfile.class)
class AccessMatrixTest {

    private static volatile Fixture fixture;

    enum State {
        NONE, BAD, EXPIRED, REVOKED, WRONG_SCOPE, RIGHT_SCOPE
    }

    /** Credentials shared by all cases, created once through the admin API. */
    private record Fixture(String publisher, String reader, String everythingReader, String adminScoped,
            String revoked, String readerToken, String publisherToken, String otherToken, String expiredToken) {
    }

    private static Fixture fixture() {
        if (fixture == null) {
            String revoked = Credentials.key("revoked", "admin", "publish:*", "read:*");
            Credentials.revoke(revoked);
            fixture = new Fixture(
                    Credentials.key("publisher", "publish:priv.*", "publish:open.*"),
                    Credentials.key("reader", "read:priv.*"),
                    Credentials.key("everything", "read:*"),
                    Credentials.key("operator", "admin"),
                    revoked,
                    Tokens.hs256(List.of("priv.*")),
                    Tokens.hs256(List.of(), List.of("priv.*")),
                    Tokens.hs256(List.of("other.*"), List.of("other.*")),
                    Credentials.expiredToken(List.of("*"), List.of("*")));
        }
        return fixture;
    }

    /** One endpoint: how to call it, and which credential is the wrong and the right one for it. */
    private record Endpoint(String name, Function<RequestSpecification, Response> call,
            Function<Fixture, String> wrong, Function<Fixture, String> right, int allowed, int anonymous) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("publish private", r -> publish(r, "priv.m"), Fixture::reader, Fixture::publisher, 201, 401),
            new Endpoint("publish private (token)", r -> publish(r, "priv.m"), Fixture::otherToken,
                    Fixture::publisherToken, 201, 401),
            new Endpoint("publish public-publish", r -> publish(r, "open.m"), Fixture::reader, Fixture::publisher, 201,
                    201),
            new Endpoint("poll private", r -> r.get("/v1/channels/priv.m/events?since=0"), Fixture::otherToken,
                    Fixture::readerToken, 200, 401),
            new Endpoint("poll private (key)", r -> r.get("/v1/channels/priv.m/events?since=0"), Fixture::publisher,
                    Fixture::reader, 200, 401),
            new Endpoint("poll public", r -> r.get("/v1/channels/public.m/events?since=0"), Fixture::otherToken,
                    Fixture::readerToken, 200, 200),
            new Endpoint("multi-poll public+private", r -> r.get("/v1/events?channels=public.m:0,priv.m:0"),
                    Fixture::otherToken, Fixture::readerToken, 200, 401),
            new Endpoint("channel stats", r -> r.get("/v1/channels/priv.m/stats"), Fixture::otherToken,
                    Fixture::readerToken, 200, 401),
            new Endpoint("channel stats series", r -> r.get("/v1/channels/priv.m/stats/series"), Fixture::otherToken,
                    Fixture::readerToken, 200, 401),
            new Endpoint("deployment stats", r -> r.get("/v1/stats"), Fixture::reader, Fixture::everythingReader, 200,
                    401),
            new Endpoint("create key", r -> r.contentType("application/json")
                    .body("{\"name\":\"m\",\"scopes\":[\"read:m\"]}")
                    .post("/v1/keys"), Fixture::publisher,
                    Fixture::adminScoped, 201, 401),
            new Endpoint("list keys", r -> r.get("/v1/keys"), Fixture::readerToken, Fixture::adminScoped, 200, 401),
            new Endpoint("revoke key", r -> r.delete("/v1/keys/" + Credentials.id(Credentials.key("victim", "read:v"))),
                    Fixture::everythingReader, Fixture::adminScoped, 204, 401));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (State state : State.values()) {
                cases.add(Arguments.of(endpoint, state));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void everyEndpointInEveryState(Endpoint endpoint, State state) {
        Fixture f = fixture();
        long privateBefore = Api.head("priv.m");
        long openBefore = Api.head("open.m");
        RequestSpecification request = Api.anonymous();
        int expected = switch (state) {
            case NONE -> endpoint.anonymous();
            case BAD, EXPIRED, REVOKED -> 401;
            case WRONG_SCOPE -> endpoint.anonymous() == 401 ? 403 : endpoint.anonymous();
            case RIGHT_SCOPE -> endpoint.allowed();
        };
        switch (state) {
            case NONE -> {
            }
            case BAD -> request.header("Authorization", "Bearer pfk_aaaaaaaaaaaa_" + "A".repeat(43));
            case EXPIRED -> request.header("Authorization", Credentials.bearer(f.expiredToken()));
            case REVOKED -> request.header("Authorization", Credentials.bearer(f.revoked()));
            case WRONG_SCOPE -> request.header("Authorization", Credentials.bearer(endpoint.wrong().apply(f)));
            case RIGHT_SCOPE -> request.header("Authorization", Credentials.bearer(endpoint.right().apply(f)));
        }
        Response response = endpoint.call().apply(request);
        if (expected >= 400) {
            assertProblem(response, expected);
            if (expected == 401) {
                assertTrue(Api.header(response, "WWW-Authenticate").startsWith("Bearer realm=\"pollfeed\""));
            }
        } else {
            response.then().statusCode(expected);
        }
        boolean stored = expected == 201 && endpoint.name().startsWith("publish");
        long privateAfter = Api.head("priv.m");
        long openAfter = Api.head("open.m");
        assertEquals(privateBefore + openBefore + (stored ? 1 : 0), privateAfter + openAfter,
                "events stored by " + endpoint + " in state " + state);
    }

    private static Response publish(RequestSpecification request, String channel) {
        return request.contentType("application/json")
                .body("{\"data\":{\"n\":1}}")
                .post("/v1/channels/" + channel + "/events");
    }
}
