package dev.pollfeed.security.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.pollfeed.config.PollfeedConfig;

/**
 * The keys at {@code pollfeed.security.jwt.jwks-url}, fetched without blocking the event loop when first needed and
 * again every {@code jwks-refresh}, or sooner (at most once a minute) when a token names a key id that is not known
 * yet, which is how a key rotation at the issuer reaches pollfeed.
 */
@ApplicationScoped
class JwksKeys {

    private static final Logger LOG = Logger.getLogger(JwksKeys.class);
    private static final long MIN_REFETCH_NANOS = Duration.ofMinutes(1).toNanos();

    private final Optional<URI> url;
    private final long refreshNanos;
    private volatile HttpClient http;
    private volatile Snapshot snapshot;
    private volatile CompletableFuture<Snapshot> inflight;

    JwksKeys(PollfeedConfig config) {
        this.url = config.security().jwt().jwksUrl();
        this.refreshNanos = config.security().jwt().jwksRefresh().toNanos();
    }

    private record Snapshot(List<JsonWebKey> keys, long fetchedAt) {
    }

    public boolean configured() {
        return url.isPresent();
    }

    /** The current keys, fetched first when there are none yet or they are older than the refresh period. */
    public Uni<List<JsonWebKey>> keys() {
        Snapshot current = snapshot;
        if (url.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (current != null && System.nanoTime() - current.fetchedAt() < refreshNanos) {
            return Uni.createFrom().item(current.keys());
        }
        return fetch();
    }

    /** Fetches again for an unknown key id, unless the last fetch is less than a minute old. */
    public Uni<List<JsonWebKey>> keysAfterUnknownKid() {
        Snapshot current = snapshot;
        if (url.isEmpty() || (current != null && System.nanoTime() - current.fetchedAt() < MIN_REFETCH_NANOS)) {
            return keys();
        }
        return fetch();
    }

    private Uni<List<JsonWebKey>> fetch() {
        Context context = Vertx.currentContext();
        // A copy per request: Mutiny cancels the stage of a cancelled subscription, and the download is shared.
        Uni<List<JsonWebKey>> keys = Uni.createFrom().completionStage(() -> download().copy()).map(Snapshot::keys);
        // Back on the request's event loop: what follows (the database) must not run on the HTTP client's threads.
        return context == null ? keys : keys.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private synchronized CompletableFuture<Snapshot> download() {
        CompletableFuture<Snapshot> running = inflight;
        if (running != null && !running.isDone()) {
            return running;
        }
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        }
        HttpRequest request = HttpRequest.newBuilder(url.get())
                .timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json")
                .GET()
                .build();
        running = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(this::parse)
                .exceptionally(failure -> {
                    LOG.warnf("JWKS at %s could not be fetched: %s", url.get(), failure.toString());
                    Snapshot stale = snapshot;
                    if (stale == null) {
                        throw AccessProblems.keysUnavailable();
                    }
                    // Keep verifying with the keys we had, and try again in a minute rather than on every request.
                    Snapshot retryLater = new Snapshot(stale.keys(),
                            System.nanoTime() - refreshNanos + MIN_REFETCH_NANOS);
                    snapshot = retryLater;
                    return retryLater;
                });
        inflight = running;
        return running;
    }

    private Snapshot parse(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        try {
            List<JsonWebKey> keys = new JsonWebKeySet(response.body()).getJsonWebKeys()
                    .stream()
                    .filter(key -> key instanceof PublicJsonWebKey)
                    .filter(key -> key.getUse() == null || key.getUse().equals("sig"))
                    .toList();
            Snapshot fresh = new Snapshot(keys, System.nanoTime());
            snapshot = fresh;
            return fresh;
        } catch (Exception e) {
            throw new IllegalStateException("not a JWK set: " + e.getMessage(), e);
        }
    }
}
