package dev.pollfeed.testing;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Mints JWTs the way a deployer's backend would, and the ways an attacker would. */
public final class Tokens {

    private Tokens() {
    }

    /** A valid HS256 token for {@link SecureProfile}, reading {@code read} for ten minutes. */
    public static String hs256(List<String> read) {
        return hs256(read, List.of());
    }

    public static String hs256(List<String> read, List<String> publish) {
        return sign(AlgorithmIdentifiers.HMAC_SHA256, hmac(TestKeys.HS256_SECRET), null,
                claims(read, publish, Instant.now().plusSeconds(600)));
    }

    public static String rs256(String pair, String kid, List<String> read) {
        return sign(AlgorithmIdentifiers.RSA_USING_SHA256, TestKeys.privateKey(pair), kid,
                claims(read, List.of(), Instant.now().plusSeconds(600)));
    }

    public static String es256(String pair, List<String> read) {
        return sign(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, TestKeys.privateKey(pair), null,
                claims(read, List.of(), Instant.now().plusSeconds(600)));
    }

    public static HmacKey hmac(String secret) {
        return new HmacKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Claims with {@code sub}, {@code exp} and the pollfeed grant; callers may change or remove any of them. */
    public static JwtClaims claims(List<String> read, List<String> publish, Instant expires) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("user-42");
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setIssuedAtToNow();
        claims.setClaim("pollfeed", Map.of("read", read, "publish", publish));
        return claims;
    }

    public static String sign(String algorithm, Key key, String kid, JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(key);
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: a header and payload with an empty signature, as the classic attack sends them. */
    public static String unsigned(JwtClaims claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
