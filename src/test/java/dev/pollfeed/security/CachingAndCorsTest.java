package dev.pollfeed.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.SecureProfile;
import dev.pollfeed.testing.Tokens;

/** What caches may keep: public answers stay public, anything authorized is private and varies by Authorization. */
@QuarkusTest
@TestProfile(SecureProfile.class)
class CachingAndCorsTest {

    private static final String TOKEN = Tokens.hs256(List.of("priv.*", "public.*"));

    @Test
    void publicChannelsStayPublicEvenWhenCredentialsAreSent() {
        Api.publishNumbered("public.cache", 3);
        for (var request : List.of(Api.anonymous(), Api.anonymous().header("Authorization", "Bearer " + TOKEN))) {
            Response live = request.get("/v1/channels/public.cache/events?since=0");
            live.then().statusCode(200);
            assertEquals("public, max-age=1", Api.header(live, "Cache-Control"));
            // One copy for everyone (per Origin: this profile allows a list of origins).
            assertEquals("Origin", Api.header(live, "Vary"));
        }
        Response full = Api.anonymous().get("/v1/channels/public.cache/events?since=0&limit=2");
        assertEquals("public, max-age=31536000, immutable", Api.header(full, "Cache-Control"));
    }

    @Test
    void privateAnswersArePrivateOn200And304AndFullPagesStayImmutable() {
        Api.publishNumbered("priv.cache", 3);
        Response live = Api.anonymous()
                .header("Authorization", "Bearer " + TOKEN)
                .get("/v1/channels/priv.cache/events?since=0");
        assertEquals("private, max-age=1", Api.header(live, "Cache-Control"));
        assertEquals("Authorization, Origin", Api.header(live, "Vary"));
        Response notModified = Api.anonymous()
                .header("Authorization", "Bearer " + TOKEN)
                .header("If-None-Match", live.header("ETag"))
                .get("/v1/channels/priv.cache/events?since=0");
        notModified.then().statusCode(304);
        assertEquals("private, max-age=1", Api.header(notModified, "Cache-Control"));
        assertEquals("Authorization, Origin", Api.header(notModified, "Vary"));
        Response full = Api.anonymous()
                .header("Authorization", "Bearer " + TOKEN)
                .get("/v1/channels/priv.cache/events?since=0&limit=2");
        assertEquals("private, max-age=31536000, immutable", Api.header(full, "Cache-Control"));
    }

    @Test
    void oneVisiblePrivateChannelMakesAMultiChannelAnswerPrivate() {
        Response mixed = Api.anonymous()
                .header("Authorization", "Bearer " + TOKEN)
                .get("/v1/events?channels=public.cache:0,priv.cache:0");
        mixed.then().statusCode(200);
        assertEquals("private, max-age=1", Api.header(mixed, "Cache-Control"));
        Response forbidden = Api.anonymous()
                .header("Authorization", "Bearer " + Tokens.hs256(List.of("public.*")))
                .get("/v1/events?channels=public.cache:0,priv.cache:0");
        forbidden.then().statusCode(403).body(not(containsString("events")));
        assertEquals("no-store", Api.header(forbidden, "Cache-Control"));
    }

    @Test
    void statsFollowTheSameRules() {
        Response pub = Api.anonymous().get("/v1/channels/public.cache/stats");
        assertEquals("public, max-age=1", Api.header(pub, "Cache-Control"));
        Response priv = Api.anonymous().header("Authorization", "Bearer " + TOKEN).get("/v1/channels/priv.cache/stats");
        assertEquals("private, max-age=1", Api.header(priv, "Cache-Control"));
        assertEquals("Authorization, Origin", Api.header(priv, "Vary"));
    }

    @Test
    void corsPreflightAllowsTheConfiguredOriginAndTheHeadersAClientNeeds() {
        Response preflight = Api.anonymous()
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,if-none-match")
                .options("/v1/channels/priv.cache/events");
        assertTrue(preflight.statusCode() < 300, "preflight status " + preflight.statusCode());
        assertEquals("https://app.example.com", preflight.header("Access-Control-Allow-Origin"));
        String allowed = Api.header(preflight, "Access-Control-Allow-Headers").toLowerCase();
        assertTrue(allowed.contains("authorization") && allowed.contains("if-none-match"), allowed);

        Response poll = Api.anonymous()
                .header("Origin", "https://app.example.com")
                .get("/v1/channels/public.cache/events?since=0");
        assertEquals("https://app.example.com", poll.header("Access-Control-Allow-Origin"));
        String exposed = Api.header(poll, "Access-Control-Expose-Headers");
        for (String header : List.of("ETag", "Poll-Interval", "Retry-After")) {
            assertTrue(exposed.contains(header), header + " in " + exposed);
        }
    }

    @Test
    void otherOriginsGetTheAnswerWithoutACorsGrantNeverABare403() {
        Response poll = Api.anonymous()
                .header("Origin", "https://evil.example.net")
                .get("/v1/channels/public.cache/events?since=0");
        poll.then().statusCode(200);
        assertNull(poll.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", Api.header(poll, "Vary"));
        Response preflight = Api.anonymous()
                .header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST")
                .options("/v1/channels/priv.cache/events");
        assertEquals(204, preflight.statusCode());
        assertNull(preflight.header("Access-Control-Allow-Origin"));
        assertNull(preflight.header("Access-Control-Allow-Headers"));
    }

    @Test
    void problemsCarryTheCorsGrantSoThePageCanReadThem() {
        Response refused = Api.anonymous()
                .header("Origin", "https://app.example.com")
                .get("/v1/channels/priv.cache/events?since=0");
        refused.then().statusCode(401).contentType("application/problem+json");
        assertEquals("https://app.example.com", refused.header("Access-Control-Allow-Origin"));
    }
}
