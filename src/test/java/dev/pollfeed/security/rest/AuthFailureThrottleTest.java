package dev.pollfeed.security.rest;

import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.pollfeed.security.domain.ApiKeyFormat;
import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.SecureProfile;

/**
 * Repeated refused credentials from one source are answered 429 with Retry-After until the window ends; other sources,
 * and requests without credentials from the same one, are served as before; memory holds a bounded number of sources.
 * Sources are told apart by X-Forwarded-For, trusted here as behind a load balancer.
 */
@QuarkusTest
@TestProfile(AuthFailureThrottleTest.Profile.class)
class AuthFailureThrottleTest {

    static final int MAX = 5;
    static final int MAX_SOURCES = 50;

    public static class Profile extends SecureProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("pollfeed.security.auth-failures.max-per-source", Integer.toString(MAX));
            overrides.put("pollfeed.security.auth-failures.window", "3s");
            overrides.put("pollfeed.security.auth-failures.max-sources", Integer.toString(MAX_SOURCES));
            overrides.put("quarkus.http.proxy.proxy-address-forwarding", "true");
            overrides.put("quarkus.http.proxy.allow-x-forwarded", "true");
            return overrides;
        }
    }

    @Inject
    AuthFailureThrottle throttle;

    private static Response poll(String source, String key) {
        var request = Api.anonymous().header("X-Forwarded-For", source);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.get("/v1/channels/" + (key == null ? "public.throttle" : "priv.throttle") + "/events?since=0");
    }

    private static String validKey() {
        return Api.request()
                .contentType("application/json")
                .body("{\"name\":\"throttle\",\"scopes\":[\"read:priv.*\"]}")
                .post("/v1/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }

    @Test
    void aSourceThatKeepsFailingWaitsAndOthersDoNot() throws InterruptedException {
        String valid = validKey();
        String attacker = "203.0.113.7";
        for (int i = 0; i < MAX; i++) {
            assertEquals(401, poll(attacker, ApiKeyFormat.generate().key()).statusCode());
        }
        Response limited = poll(attacker, ApiKeyFormat.generate().key());
        assertProblem(limited, 429);
        assertEquals("urn:pollfeed:problem:too-many-failures", limited.jsonPath().getString("type"));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        // The source waits even with a good key (a guess that succeeds must not be told apart from one that fails)...
        assertEquals(429, poll(attacker, valid).statusCode());
        // ...but its requests without credentials and every other source are served as before.
        assertEquals(200, poll(attacker, null).statusCode());
        assertEquals(200, poll("198.51.100.9", valid).statusCode());
        Thread.sleep(retryAfter * 1000 + 200);
        assertEquals(200, poll(attacker, valid).statusCode());
    }

    @Test
    void ipv6SourcesCountBySubnet() {
        for (int i = 0; i < MAX; i++) {
            assertEquals(401, poll("2001:db8:1:2::" + Integer.toHexString(i + 1), ApiKeyFormat.generate().key())
                    .statusCode());
        }
        assertEquals(429, poll("[2001:db8:1:2:ffff::9]", ApiKeyFormat.generate().key()).statusCode());
        assertEquals(401, poll("2001:db8:1:3::1", ApiKeyFormat.generate().key()).statusCode());
    }

    @Test
    void memoryHoldsABoundedNumberOfSources() {
        for (int i = 0; i < 4 * MAX_SOURCES; i++) {
            assertEquals(401, poll("192.0.2." + i, ApiKeyFormat.generate().key())
                    .statusCode());
        }
        assertTrue(throttle.sources() <= MAX_SOURCES, throttle.sources() + " sources remembered");
    }
}
