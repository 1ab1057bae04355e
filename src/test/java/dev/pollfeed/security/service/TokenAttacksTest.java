package dev.pollfeed.security.service;

import static dev.pollfeed.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.JwksServer;
import dev.pollfeed.testing.SecureProfile;
import dev.pollfeed.testing.TestKeys;
import dev.pollfeed.testing.Tokens;

/** Browser tokens: the three algorithms and the JWKS work; the classic JWT attacks get 401 and read nothing. */
@QuarkusTest
@TestProfile(SecureProfile.class)
class TokenAttacksTest {

    private static final String CHANNEL = "priv.tokens";
    private static final List<String> READ = List.of("priv.*");

    private static Response poll(String token) {
        return Api.anonymous()
                .header("Authorization", "Bearer " + token)
                .get("/v1/channels/" + CHANNEL + "/events?since=0");
    }

    private static void accepted(String token) {
        poll(token).then().statusCode(200).body("channel", equalTo(CHANNEL));
    }

    private static void refused(String token, String detail) {
        Response response = poll(token);
        assertProblem(response, 401);
        response.then().body("type", equalTo("urn:pollfeed:problem:invalid-credentials"));
        assertTrue(response.jsonPath().getString("detail").contains(detail),
                response.jsonPath().getString("detail") + " should say: " + detail);
        assertEquals("Bearer realm=\"pollfeed\", error=\"invalid_token\"", Api.header(response, "WWW-Authenticate"));
    }

    @Test
    void eachConfiguredAlgorithmAndKeyIsAccepted() {
        accepted(Tokens.hs256(READ));
        accepted(Tokens.rs256("rsa", null, READ));
        accepted(Tokens.es256("ec", READ));
        accepted(Tokens.rs256("rsa-jwks", JwksServer.KID, READ));
    }

    @Test
    void theJwksIsFetchedOnceAndThenServedFromMemory() {
        accepted(Tokens.rs256("rsa-jwks", JwksServer.KID, READ));
        int fetches = JwksServer.FETCHES.get();
        for (int i = 0; i < 5; i++) {
            // Fresh tokens (different iat/exp would be cached per token; a new jti-free token is still new text).
            accepted(Tokens.sign(AlgorithmIdentifiers.RSA_USING_SHA256, TestKeys.privateKey("rsa-jwks"),
                    JwksServer.KID, Tokens.claims(READ, List.of(), Instant.now().plusSeconds(60 + i))));
        }
        assertEquals(fetches, JwksServer.FETCHES.get());
    }

    @Test
    void algNoneIsRefused() {
        refused(Tokens.unsigned(Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600))), "not valid");
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() {
        // Algorithm confusion: a verifier that took "the key" for HS256 would accept this, since the key is public.
        HmacKey publicKeyAsSecret = new HmacKey(TestKeys.pem("rsa-public").getBytes(StandardCharsets.UTF_8));
        refused(Tokens.sign(AlgorithmIdentifiers.HMAC_SHA256, publicKeyAsSecret, null,
                Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600))), "not valid");
    }

    @Test
    void otherAlgorithmsAreRefused() {
        refused(Tokens.sign(AlgorithmIdentifiers.HMAC_SHA512, Tokens.hmac(TestKeys.HS256_SECRET + TestKeys.HS256_SECRET),
                null, Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600))), "not valid");
        refused(Tokens.sign(AlgorithmIdentifiers.RSA_PSS_USING_SHA256, TestKeys.privateKey("rsa"), null,
                Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600))), "not valid");
    }

    @Test
    void wrongKeysAreRefused() {
        refused(Tokens.rs256("rsa-other", null, READ), "not valid");
        refused(Tokens.es256("ec-other", READ), "not valid");
        refused(Tokens.sign(AlgorithmIdentifiers.HMAC_SHA256, Tokens.hmac("another-secret-0123456789abcdefghijklmnop"),
                null, Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600))), "not valid");
        refused(Tokens.rs256("rsa-other", JwksServer.KID, READ), "not valid");
        refused(Tokens.rs256("rsa-other", "unknown-kid", READ), "not valid");
    }

    @Test
    void tamperedPayloadIsRefused() {
        String token = Tokens.hs256(List.of("other.*"));
        String[] parts = token.split("\\.");
        String widened = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        Tokens.claims(List.of("*"), List.of(), Instant.now().plusSeconds(600))
                                .toJson()
                                .getBytes(StandardCharsets.UTF_8));
        refused(parts[0] + "." + widened + "." + parts[2], "not valid");
    }

    @Test
    void timeClaimsAreEnforced() {
        refused(sign(Tokens.claims(READ, List.of(), Instant.now().minusSeconds(120))), "expired");
        JwtClaims noExp = Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600));
        noExp.unsetClaim("exp");
        refused(sign(noExp), "exp");
        refused(sign(Tokens.claims(READ, List.of(), Instant.now().plusSeconds(3 * 86_400))), "lifetime");
        JwtClaims future = Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600));
        future.setNotBefore(NumericDate.fromSeconds(Instant.now().plusSeconds(300).getEpochSecond()));
        refused(sign(future), "nbf");
        // Within the 30 s skew, a just-issued token from a slightly fast clock still works.
        JwtClaims skewed = Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600));
        skewed.setNotBefore(NumericDate.fromSeconds(Instant.now().plusSeconds(10).getEpochSecond()));
        accepted(sign(skewed));
    }

    @Test
    void malformedGrantsAreRefused() {
        JwtClaims none = Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600));
        none.unsetClaim("pollfeed");
        refused(sign(none), "pollfeed");
        JwtClaims notAList = Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600));
        notAList.setClaim("pollfeed", Map.of("read", "priv.*"));
        refused(sign(notAList), "list");
        JwtClaims trick = Tokens.claims(List.of("priv.%2F*"), List.of(), Instant.now().plusSeconds(600));
        refused(sign(trick), "channel pattern");
    }

    @Test
    void aTokenOnlyReadsWhatItNames() {
        Response response = poll(Tokens.hs256(List.of("priv.other")));
        assertProblem(response, 403);
        // Read grants do not publish.
        assertProblem(Api.anonymous()
                .header("Authorization", "Bearer " + Tokens.hs256(READ))
                .contentType("application/json")
                .body("{\"data\":1}")
                .post("/v1/channels/" + CHANNEL + "/events"), 403);
    }

    @Test
    void garbageIsRefusedWithoutAStackTrace() {
        for (String garbage : List.of("a.b.c", "..", "e30.e30.", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln",
                "a.b.c.d.e", "x".repeat(8000) + ".a.b")) {
            Response response = Api.anonymous()
                    .header("Authorization", "Bearer " + garbage)
                    .get("/v1/channels/" + CHANNEL + "/events?since=0");
            assertProblem(response, 401);
        }
        for (String scheme : List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Token abc", "bearer%20x", "Bearer a b")) {
            assertProblem(Api.anonymous()
                    .header("Authorization", scheme)
                    .get("/v1/channels/" + CHANNEL
                            + "/events?since=0"),
                    401);
        }
        // Past the HTTP layer's header limit (8 KB through the Lambda event server, 20 KB on a server; API Gateway
        // stops at 10 KB) the request is refused before pollfeed sees it: 431, or a closed connection.
        int status = Api.statusOrClosed(() -> Api.anonymous()
                .header("Authorization", "Bearer " + "x".repeat(30_000))
                .get("/v1/channels/" + CHANNEL + "/events?since=0"));
        assertTrue(status == 431 || status == Api.CLOSED, "status " + status);
    }

    private static String sign(JwtClaims claims) {
        return Tokens.sign(AlgorithmIdentifiers.HMAC_SHA256, Tokens.hmac(TestKeys.HS256_SECRET), null, claims);
    }
}
