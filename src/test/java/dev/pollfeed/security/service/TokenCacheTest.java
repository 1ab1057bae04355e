package dev.pollfeed.security.service;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.pollfeed.security.domain.Caller;
import dev.pollfeed.security.domain.Grants;
import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.JwksServer;
import dev.pollfeed.testing.SecureProfile;
import dev.pollfeed.testing.TestKeys;
import dev.pollfeed.testing.Tokens;

/**
 * Verified tokens are remembered in a bounded cache until their exp; forged tokens never enter it, so a flood of them
 * neither pushes a good token out nor makes the JWKS be fetched per request.
 */
@QuarkusTest
@TestProfile(SecureProfile.class)
class TokenCacheTest {

    private static final List<String> READ = List.of("priv.*");
    private static final int FLOOD = 600;

    @Inject
    TokenVerifier verifier;

    private static void poll(String token, int status) {
        Api.anonymous()
                .header("Authorization", "Bearer " + token)
                .get("/v1/channels/priv.cache/events?since=0")
                .then()
                .statusCode(status);
    }

    @Test
    void aFloodOfForgedTokensEvictsNothingAndFetchesNoKeys() {
        String good = Tokens.rs256("rsa-jwks", JwksServer.KID, READ);
        poll(good, 200);
        long remembered = verifier.remembered();
        int fetches = JwksServer.FETCHES.get();
        for (int i = 0; i < FLOOD; i++) {
            String forged = switch (i % 3) {
                // Unknown kids: each could mean a key rotation, but the JWKS is fetched again at most once a minute.
                case 0 -> Tokens.rs256("rsa-other", "unknown-kid-" + i, READ);
                case 1 -> Tokens.sign(AlgorithmIdentifiers.HMAC_SHA256, Tokens.hmac("wrong-secret-" + i
                        + "-0123456789abcdefghijklmnopqrstuvwxyz"), null,
                        Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600)));
                default -> Tokens.sign(AlgorithmIdentifiers.RSA_USING_SHA256, TestKeys.privateKey("rsa-other"),
                        JwksServer.KID, Tokens.claims(READ, List.of(), Instant.now().plusSeconds(600 + i)));
            };
            poll(forged, 401);
        }
        assertTrue(JwksServer.FETCHES.get() - fetches <= 1,
                (JwksServer.FETCHES.get() - fetches) + " JWKS fetches for " + FLOOD + " forged tokens");
        assertTrue(verifier.remembers(good), "the good token was pushed out");
        assertTrue(verifier.remembered() <= remembered, "forged tokens were remembered");
        poll(good, 200);
        Api.anonymous()
                .header("Authorization", "Bearer " + good)
                .get("/v1/channels/priv.cache/events?since=0")
                .then()
                .body("channel", equalTo("priv.cache"));
    }

    @Test
    void anEntryEndsAtTheTokensExpiry() throws InterruptedException {
        VerifiedTokens tokens = new VerifiedTokens();
        Caller caller = new Caller(Caller.Kind.TOKEN, "user-42", Grants.NONE, 0);
        tokens.put("a.b.c", caller, System.currentTimeMillis() + 300);
        assertNotNull(tokens.get("a.b.c"));
        Thread.sleep(400);
        assertNull(tokens.get("a.b.c"), "remembered past its exp");
        tokens.put("d.e.f", caller, System.currentTimeMillis() - 1);
        assertNull(tokens.get("d.e.f"), "an expired token was remembered");
    }

    @Test
    void theCacheIsBounded() {
        VerifiedTokens tokens = new VerifiedTokens();
        Caller caller = new Caller(Caller.Kind.TOKEN, "user-42", Grants.NONE, 0);
        long until = System.currentTimeMillis() + 60_000;
        for (int i = 0; i < 3 * VerifiedTokens.MAX_ENTRIES; i++) {
            tokens.put("token." + i + ".sig", caller, until);
        }
        assertTrue(tokens.size() <= VerifiedTokens.MAX_ENTRIES, tokens.size() + " entries");
    }
}
