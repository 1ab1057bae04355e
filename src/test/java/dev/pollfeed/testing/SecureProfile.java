package dev.pollfeed.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Production's security defaults with test keys: channels private except {@code public.*} (read) and {@code open.*}
 * (anonymous publish), the test admin key, HS256 + RS256 + ES256 token keys and a JWKS endpoint ({@link JwksServer}).
 * Rate limits stay high for the bootstrap key; a rate-limit test creates a key with its own low rate.
 */
public class SecureProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "pollfeed.security.public-read", "public.*",
                "pollfeed.security.public-publish", "open.*",
                "pollfeed.security.admin-key", Api.ADMIN_KEY,
                "pollfeed.security.jwt.secret", TestKeys.HS256_SECRET,
                "pollfeed.security.jwt.public-keys", TestKeys.pem("rsa-public") + "," + TestKeys.pem("ec-public"),
                "pollfeed.security.rate-limit.per-second", "100000",
                "pollfeed.cors.origins", "https://app.example.com");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(JwksServer.class));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
