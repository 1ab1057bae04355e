package dev.pollfeed.security;

import java.time.Instant;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;

import dev.pollfeed.testing.Api;
import dev.pollfeed.testing.TestKeys;
import dev.pollfeed.testing.Tokens;

/** API keys created through the admin API of a running {@link dev.pollfeed.testing.SecureProfile}, and tokens. */
final class Credentials {

    private Credentials() {
    }

    /** Creates a key with these scopes and returns it. */
    static String key(String name, String... scopes) {
        return Api.request()
                .contentType("application/json")
                .body("{\"name\":\"" + name + "\",\"scopes\":[" + String.join(",",
                        List.of(scopes).stream().map(scope -> "\"" + scope + "\"").toList()) + "]}")
                .post("/v1/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }

    /** A key's id: the part between {@code pfk_} and the secret. */
    static String id(String key) {
        return key.substring(4, 16);
    }

    static void revoke(String key) {
        Api.request().delete("/v1/keys/" + id(key)).then().statusCode(204);
    }

    static String expiredToken(List<String> read, List<String> publish) {
        return Tokens.sign(AlgorithmIdentifiers.HMAC_SHA256, Tokens.hmac(TestKeys.HS256_SECRET), null,
                Tokens.claims(read, publish, Instant.now().minusSeconds(120)));
    }

    static String bearer(String credential) {
        return "Bearer " + credential;
    }
}
