package dev.pollfeed.security.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import dev.pollfeed.config.SecurityConfig;

/**
 * The configured token keys, checked once at start so that a typo fails the deployment instead of every request: the
 * HS256 secret (32 bytes at least, as RFC 7518 asks) and PEM public keys (RSA of 2048 bits or more, EC P-256).
 */
record TokenKeyMaterial(Optional<HmacKey> secret, List<JsonWebKey> publicKeys) {

    static final int MIN_SECRET_BYTES = 32;

    static TokenKeyMaterial of(SecurityConfig.Jwt jwt) {
        Optional<HmacKey> secret = jwt.secret().map(text -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("pollfeed.security.jwt.secret is shorter than " + MIN_SECRET_BYTES
                        + " bytes; HS256 needs a secret at least as long as its hash.");
            }
            return new HmacKey(bytes);
        });
        List<JsonWebKey> keys = new ArrayList<>();
        for (String pem : jwt.publicKeys().orElse(List.of())) {
            if (!pem.isBlank()) {
                keys.add(publicKey(pem));
            }
        }
        return new TokenKeyMaterial(secret, List.copyOf(keys));
    }

    private static JsonWebKey publicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pollfeed.security.jwt.public-keys holds a value that is not a PEM public key");
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
                jwk.setUse("sig");
                return jwk;
            } catch (GeneralSecurityException | JoseException e) {
                // Not this algorithm's key; try the next.
            }
        }
        throw new IllegalStateException("pollfeed.security.jwt.public-keys holds a key that is neither RSA nor EC");
    }
}
