package dev.pollfeed.security.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.pollfeed.security.domain.Caller;

/**
 * Tokens whose signature and claims were checked, so that a browser polling with the same token costs one hash per
 * request. Keyed by the token's SHA-256 (32 bytes, not up to 8 KB of token); each entry expires at the token's
 * {@code exp} or after {@link #REMEMBER_NANOS}, whichever comes first; least recently used out first when full. Only
 * verified tokens enter, so a flood of forged ones never pushes a good one out.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 10_000;
    private static final long REMEMBER_NANOS = 60_000_000_000L;

    private final Cache<String, Verified> cache = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfter(new UntilExpiry())
            .build();

    private record Verified(Caller caller, long expiresAtMillis) {
    }

    /** The caller of a token verified before and not expired since, or null. */
    Caller get(String token) {
        Verified known = cache.getIfPresent(digest(token));
        return known == null || System.currentTimeMillis() >= known.expiresAtMillis() ? null : known.caller();
    }

    void put(String token, Caller caller, long expiresAtMillis) {
        if (expiresAtMillis > System.currentTimeMillis()) {
            cache.put(digest(token), new Verified(caller, expiresAtMillis));
        }
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Never past the token's own exp. */
    private static final class UntilExpiry implements Expiry<String, Verified> {

        @Override
        public long expireAfterCreate(String key, Verified value, long currentTime) {
            long untilExp = (value.expiresAtMillis() - System.currentTimeMillis()) * 1_000_000L;
            return Math.max(0, Math.min(untilExp, REMEMBER_NANOS));
        }

        @Override
        public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
