package dev.pollfeed.security;

import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.SecureProfile;
import dev.pollfeed.testing.Tokens;

/**
 * Encoding tricks must not move a request to another channel, and repeated or oversized parts must be refused
 * clearly: a token for {@code public.*}/{@code own.*} must never read {@code priv.*}, however the name is spelled.
 */
@QuarkusTest
@TestProfile(SecureProfile.class)
class HostileInputTest {

    private static final String OWN = Tokens.hs256(List.of("own.*"), List.of("own.*"));

    private static Response pollAs(String token, String path) {
        return Api.anonymous().header("Authorization", "Bearer " + token).get(path);
    }

    @Test
    void encodedChannelNamesAreRefusedNeverReinterpreted() {
        Api.publishNumbered("priv.secret", 1);
        for (String channel : List.of("..", "%2e%2e", "own.x%2F..%2Fpriv.secret", "own.x%2f..%2fpriv.secret",
                "own.x%00", "own.%00priv.secret", "own.x%252F..%252Fpriv.secret", "%C3%A9", "own.%E2%80%AEterces",
                "own.x%0D%0AX-Injected:1", "own.x%20", "%20own.x", "own.x;priv.secret", "own.x%3Bpriv.secret",
                "own.*", "own.%2A", ".own", "-own", "a".repeat(129))) {
            Response response = pollAs(OWN, "/v1/channels/" + channel + "/events?since=0");
            int status = response.statusCode();
            assertTrue(status == 400 || status == 404, channel + " answered " + status);
            assertProblem(response, status);
            assertEquals(null, response.header("X-Injected"));
        }
        for (String channels : List.of("own.a:0,..:0", "own.a:0,own.x%2F..%2Fpriv.secret:0", "own.a%00:0",
                "own.a:0,priv.secret:0", "priv.secret:0", "own.a:0,PRIV.secret:0")) {
            Response response = pollAs(OWN, "/v1/events?channels=" + channels);
            int status = response.statusCode();
            assertTrue(status == 400 || status == 403 || status == 401, channels + " answered " + status);
            assertProblem(response, status);
        }
    }

    @Test
    void publishingThroughEncodedNamesStoresNothingElsewhere() {
        long before = Api.head("priv.secret");
        for (String channel : List.of("own.x%2F..%2Fpriv.secret", "..%2Fpriv.secret", "own.%00", "priv.secret%00")) {
            Response response = Api.anonymous()
                    .header("Authorization", "Bearer " + OWN)
                    .contentType("application/json")
                    .body("{\"data\":1}")
                    .post("/v1/channels/" + channel + "/events");
            assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, channel + ": " + response.statusCode());
        }
        assertEquals(before, Api.head("priv.secret"));
    }

    @Test
    void repeatedParametersAreRefused() {
        for (String query : List.of("since=0&since=5", "limit=1&limit=2", "since=0&since=0")) {
            assertProblem(Api.anonymous().get("/v1/channels/public.rep/events?" + query), 400);
        }
        assertProblem(Api.anonymous().get("/v1/events?channels=public.a:0&channels=public.b:0"), 400);
        assertProblem(Api.anonymous().get("/v1/events?channels=public.a:0,public.a:1"), 400);
        assertProblem(Api.anonymous().get("/v1/channels/public.rep/stats/series?bucket=1m&bucket=5m"), 400);
    }

    @Test
    void repeatedAuthorizationHeadersAreRefused() {
        Response response = Api.anonymous()
                .header("Authorization", "Bearer " + OWN)
                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                .get("/v1/channels/priv.secret/events?since=0");
        assertProblem(response, 401);
    }

    @Test
    void oversizedHeadersAndQueriesAreRefusedBeforeAnyWork() {
        int hugeHeader = Api.statusOrClosed(
                () -> Api.anonymous().header("X-Junk", "j".repeat(64_000)).get("/v1/channels/public.a/events"));
        assertTrue(hugeHeader == 431 || hugeHeader == 400 || hugeHeader == Api.CLOSED, "" + hugeHeader);
        RequestSpecification request = Api.anonymous();
        for (int i = 0; i < 500; i++) {
            request.header("X-Many-" + i, "v".repeat(100));
        }
        int manyHeaders = Api.statusOrClosed(() -> request.get("/v1/channels/public.a/events"));
        assertTrue(manyHeaders < 500, "" + manyHeaders);
        Response hugeQuery = Api.anonymous().get("/v1/channels/public.a/events?since=0&x=" + "q".repeat(20_000));
        assertTrue(hugeQuery.statusCode() >= 400 && hugeQuery.statusCode() < 500, "" + hugeQuery.statusCode());
    }
}
