package dev.pollfeed.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** The test key pairs in {@code src/test/resources/security} (see its README). */
public final class TestKeys {

    /** The HS256 secret of {@link SecureProfile}. */
    public static final String HS256_SECRET = "test-hs256-secret-0123456789abcdefghijklmnopqrstuvwxyz";

    private TestKeys() {
    }

    public static String pem(String name) {
        try (InputStream in = TestKeys.class.getResourceAsStream("/security/" + name + ".pem")) {
            if (in == null) {
                throw new IllegalArgumentException("no test key " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code rsa}, {@code ec}, {@code rsa-other}…: the private half. */
    public static PrivateKey privateKey(String pair) {
        try {
            return KeyFactory.getInstance(pair.startsWith("ec") ? "EC" : "RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der(pem(pair + "-private"))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicKey publicKey(String pair) {
        try {
            return KeyFactory.getInstance(pair.startsWith("ec") ? "EC" : "RSA")
                    .generatePublic(new X509EncodedKeySpec(der(pem(pair + "-public"))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }
}
