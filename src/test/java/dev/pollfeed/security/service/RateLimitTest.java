package dev.pollfeed.security.service;

import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.SecureProfile;

/** A key over its own rate gets 429 with Retry-After, stores nothing, and other keys are not affected. */
@QuarkusTest
@TestProfile(SecureProfile.class)
class RateLimitTest {

    @Test
    void aKeyOverItsRateIsToldWhenToComeBack() throws InterruptedException {
        String key = Api.request()
                .contentType("application/json")
                .body("{\"name\":\"slow\",\"scopes\":[\"publish:rl.*\",\"read:rl.*\"],\"ratePerSecond\":3}")
                .post("/v1/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        int created = 0;
        Response limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            Response response = Api.anonymous()
                    .header("Authorization", "Bearer " + key)
                    .contentType("application/json")
                    .body("{\"data\":" + i + "}")
                    .post("/v1/channels/rl.1/events");
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                response.then().statusCode(201);
                created++;
            }
        }
        assertTrue(limited != null, "no 429 after 10 requests at a rate of 3/s");
        assertTrue(created >= 3, "the burst of 3 is granted, got " + created);
        assertProblem(limited, 429);
        assertEquals("urn:pollfeed:problem:rate-limited", limited.jsonPath().getString("type"));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertEquals(1, retryAfter, "a key of 3/s has a token again within a second");
        // Nothing stored by the refused request: the channel holds exactly the granted events.
        Api.request()
                .get("/v1/channels/rl.1/stats")
                .then()
                .statusCode(200)
                .body("head", equalTo(created));
        // Another key is not slowed down by this one.
        Api.request().get("/v1/channels/rl.1/events?since=0").then().statusCode(200);
        Thread.sleep(retryAfter * 1000);
        Api.anonymous()
                .header("Authorization", "Bearer " + key)
                .get("/v1/channels/rl.1/events?since=0")
                .then()
                .statusCode(200);
    }
}
