package dev.pollfeed.security.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys look like {@code pfk_<id>_<secret>}: a recognisable prefix (secret scanners and log reviewers can spot
 * one), a public id of 12 characters that the database is searched by, and 256 random bits. Only the SHA-256 of the
 * whole key is stored.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "pfk_";

    private static final Pattern SHAPE = Pattern.compile("pfk_([a-z2-7]{12})_([A-Za-z0-9_-]{43})");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    /** A key as presented: its id and the SHA-256 to compare with the stored one. */
    public record PresentedKey(String id, byte[] hash) {
    }

    /** A new key and its id. */
    public record NewKey(String id, String key) {
    }

    public static NewKey generate() {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewKey(id.toString(), key);
    }

    /** Empty when {@code token} does not have the shape of a pollfeed key at all. */
    public static Optional<PresentedKey> parse(String token) {
        Matcher matcher = SHAPE.matcher(token);
        return matcher.matches() ? Optional.of(new PresentedKey(matcher.group(1), sha256(token))) : Optional.empty();
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Constant-time comparison: how long it takes says nothing about how much of the hash matched. */
    public static boolean sameHash(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
