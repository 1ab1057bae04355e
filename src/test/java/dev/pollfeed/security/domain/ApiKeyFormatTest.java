package dev.pollfeed.security.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void anythingElseIsNotAKey() {
        for (String bad : new String[]{"pfk_", "pfk_abc_def", "pfk_AAAAAAAAAAAA_" + "a".repeat(43),
                "pfk_aaaaaaaaaaaa_" + "a".repeat(42), "pfk_aaaaaaaaaaaa_" + "a".repeat(44), "xpfk_aaaaaaaaaaaa_"}) {
            assertTrue(ApiKeyFormat.parse(bad).isEmpty(), bad);
        }
    }
}
