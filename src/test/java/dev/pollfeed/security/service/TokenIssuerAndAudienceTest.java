package dev.pollfeed.security.service;

import static dev.pollfeed.testing.ProblemAssertions.assertProblem;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.SecureProfile;
import dev.pollfeed.testing.TestKeys;
import dev.pollfeed.testing.Tokens;

/** With an issuer and an audience configured, a token signed with the right key but meant for others is refused. */
@QuarkusTest
@TestProfile(TokenIssuerAndAudienceTest.IssuerProfile.class)
class TokenIssuerAndAudienceTest {

    public static class IssuerProfile extends SecureProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("pollfeed.security.jwt.issuer", "https://auth.example.com");
            config.put("pollfeed.security.jwt.audience", "pollfeed-prod");
            config.put("pollfeed.security.jwt.max-lifetime", "1h");
            return config;
        }
    }

    private static Response poll(JwtClaims claims) {
        String token = Tokens.sign(AlgorithmIdentifiers.HMAC_SHA256, Tokens.hmac(TestKeys.HS256_SECRET), null, claims);
        return Api.anonymous().header("Authorization", "Bearer " + token).get("/v1/channels/priv.iss/events?since=0");
    }

    private static JwtClaims claims(String issuer, String audience, long lifetimeSeconds) {
        JwtClaims claims = Tokens.claims(List.of("priv.*"), List.of(), Instant.now().plusSeconds(lifetimeSeconds));
        if (issuer != null) {
            claims.setIssuer(issuer);
        }
        if (audience != null) {
            claims.setAudience(audience);
        }
        return claims;
    }

    @Test
    void onlyTokensFromTheIssuerForThisAudienceAreAccepted() {
        poll(claims("https://auth.example.com", "pollfeed-prod", 600)).then().statusCode(200);
        assertProblem(poll(claims("https://evil.example.com", "pollfeed-prod", 600)), 401);
        assertProblem(poll(claims(null, "pollfeed-prod", 600)), 401);
        assertProblem(poll(claims("https://auth.example.com", "pollfeed-staging", 600)), 401);
        assertProblem(poll(claims("https://auth.example.com", null, 600)), 401);
    }

    @Test
    void theLifetimeCapIsConfigurable() {
        assertProblem(poll(claims("https://auth.example.com", "pollfeed-prod", 2 * 3600)), 401);
    }
}
