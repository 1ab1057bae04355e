package dev.pollfeed.security.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    @Test
    void generatedKeysParseBackToTheirIdAndHash() {
        ApiKeyFormat.NewKey key = ApiKeyFormat.generate();
        ApiKeyFormat.PresentedKey presented = ApiKeyFormat.parse(key.key()).orElseThrow();
        assertEquals(key.id(), presented.id());
        assertArrayEquals(ApiKeyFormat.sha256(key.key()), presented.hash());
        assertTrue(key.key().matches("pfk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}"));
        assertNotEquals(key.key(), ApiKeyFormat.generate().key());
    }

    @Test
    void taggedIdsPassTheirTagCheckAndMadeUpOnesDoNot() {
        byte[] secret = "a server-side secret of 32 bytes".getBytes(StandardCharsets.US_ASCII);
        ApiKeyFormat.NewKey key = ApiKeyFormat.generateTagged(secret);
        assertTrue(key.key().matches("pfk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}"), "the same shape as untagged keys");
        assertTrue(ApiKeyFormat.hasTag(secret, key.id()));
        assertFalse(ApiKeyFormat.hasTag("another secret of thirty-two byte".getBytes(StandardCharsets.US_ASCII), key.id()));
        int passed = 0;
        for (int i = 0; i < 100_000; i++) {
            passed += ApiKeyFormat.hasTag(secret, ApiKeyFormat.generate().id()) ? 1 : 0;
        }
        assertTrue(passed <= 2, passed + " of 100,000 random ids passed (expected about 0.1)");
    }

    @Test
    void anythingElseIsNotAKey() {
        for (String bad : new String[]{"pfk_", "pfk_abc_def", "pfk_AAAAAAAAAAAA_" + "a".repeat(43),
                "pfk_aaaaaaaaaaaa_" + "a".repeat(42), "pfk_aaaaaaaaaaaa_" + "a".repeat(44), "xpfk_aaaaaaaaaaaa_"}) {
            assertTrue(ApiKeyFormat.parse(bad).isEmpty(), bad);
        }
    }
}
