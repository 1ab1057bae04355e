package dev.pollfeed.security.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API keys look like {@code pfk_<id>_<secret>}: a recognisable prefix (secret scanners and log reviewers can spot
 * one), a public id of 12 characters that the database is searched by, and 256 random bits. Only the SHA-256 of the
 * whole key is stored.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "pfk_";

    private static final Pattern SHAPE = Pattern.compile("pfk_([a-z2-7]{12})_([A-Za-z0-9_-]{43})");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int ID_LENGTH = 12;
    private static final int TAG_LENGTH = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    /** A key as presented: its id and the SHA-256 to compare with the stored one. */
    public record PresentedKey(String id, byte[] hash) {
    }

    /** A new key and its id. */
    public record NewKey(String id, String key) {
    }

    /** A key with an untagged id (all 12 characters random): the dev-mode admin key. */
    public static NewKey generate() {
        return generate(randomIdChars(ID_LENGTH));
    }

    /**
     * A key whose id ends in a tag under {@code tagSecret} ({@link #hasTag}): 8 random characters (40 bits), then 4 of
     * tag (20 bits), so one made-up id in about a million passes the check.
     */
    public static NewKey generateTagged(byte[] tagSecret) {
        String random = randomIdChars(ID_LENGTH - TAG_LENGTH);
        return generate(random + tag(tagSecret, random));
    }

    /** Whether the id's last 4 characters are the tag of the first 8 under {@code tagSecret}; in constant time. */
    public static boolean hasTag(byte[] tagSecret, String id) {
        if (id.length() != ID_LENGTH) {
            return false;
        }
        String expected = tag(tagSecret, id.substring(0, ID_LENGTH - TAG_LENGTH));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                id.substring(ID_LENGTH - TAG_LENGTH).getBytes(StandardCharsets.US_ASCII));
    }

    private static String tag(byte[] tagSecret, String random) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tagSecret, "HmacSHA256"));
            byte[] digest = mac.doFinal(random.getBytes(StandardCharsets.US_ASCII));
            int bits = ((digest[0] & 0xff) << 16) | ((digest[1] & 0xff) << 8) | (digest[2] & 0xff);
            StringBuilder tag = new StringBuilder(TAG_LENGTH);
            for (int i = 0; i < TAG_LENGTH; i++) {
                tag.append(ID_ALPHABET.charAt((bits >>> (19 - 5 * i)) & 31));
            }
            return tag.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String randomIdChars(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static NewKey generate(String id) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewKey(id, key);
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
