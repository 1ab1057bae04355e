package dev.pollfeed.kernel;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Strong ETags from bytes that fix an answer: the same on every instance, different whenever the bytes are. */
public final class StrongTags {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /**
     * One digest per thread, reset by each {@code digest}: looking SHA-256 up among the providers on every tag was a
     * visible part of a caught-up poll (bench/README.md, "Polls from memory: the JVM's part").
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(StrongTags::sha256);

    private StrongTags() {
    }

    /** The first 18 bytes of the SHA-256 of {@code identity}, base64url, quoted (24 characters inside the quotes). */
    public static String of(byte[] identity) {
        byte[] digest = SHA256.get().digest(identity);
        return '"' + BASE64URL.encodeToString(Arrays.copyOf(digest, 18)) + '"';
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
