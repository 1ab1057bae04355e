package dev.pollfeed.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A JWKS endpoint on a free local port, serving the {@code rsa-jwks} public key under kid {@value #KID}, started
 * before the application so that {@code pollfeed.security.jwt.jwks-url} can point at it.
 */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    public static final String KID = "jwks-key-1";
    /** How often the JWKS was fetched, for tests of caching. */
    public static final AtomicInteger FETCHES = new AtomicInteger();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(TestKeys.publicKey("rsa-jwks"));
            jwk.setKeyId(KID);
            jwk.setUse("sig");
            byte[] body = ("{\"keys\":[" + jwk.toJson(OutputControlLevel.PUBLIC_ONLY) + "]}")
                    .getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                FETCHES.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        } catch (IOException | JoseException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("pollfeed.security.jwt.jwks-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
