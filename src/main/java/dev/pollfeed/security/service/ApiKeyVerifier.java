package dev.pollfeed.security.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.security.domain.ApiKeyFormat;
import dev.pollfeed.security.domain.ApiKeyFormat.PresentedKey;
import dev.pollfeed.security.domain.Caller;
import dev.pollfeed.security.domain.Scopes;
import dev.pollfeed.security.repository.ApiKeyLookup;
import dev.pollfeed.security.repository.ApiKeyLookup.StoredKey;

/**
 * Checks a presented API key against the stored hash. What the database said about a key id (including "no such
 * key") is remembered for {@code pollfeed.security.key-cache-ttl}, so a busy publisher costs one lookup per period;
 * the hash comparison itself runs on every request, in constant time.
 */
@ApplicationScoped
public class ApiKeyVerifier {

    /** Beyond this many remembered ids the cache starts over: random ids cannot grow memory without bound. */
    private static final int MAX_ENTRIES = 10_000;

    private final ApiKeyLookup lookup;
    private final long ttlNanos;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    ApiKeyVerifier(ApiKeyLookup lookup, PollfeedConfig config) {
        this.lookup = lookup;
        this.ttlNanos = config.security().keyCacheTtl().toNanos();
    }

    /** What the database holds for an id; {@code key} is empty for an unknown or revoked one. */
    private record Remembered(Optional<StoredKey> key, Caller caller, long until) {
    }

    public Uni<Caller> verify(PresentedKey presented) {
        Remembered known = remembered.get(presented.id());
        if (known != null && System.nanoTime() - known.until() < 0) {
            return Uni.createFrom().item(check(known, presented));
        }
        return lookup.find(presented.id()).chain(found -> {
            Remembered fresh = remember(presented.id(), found);
            Caller caller = check(fresh, presented);
            boolean touchDue = fresh.key().map(StoredKey::touchDue).orElse(false);
            return touchDue ? lookup.touch(presented.id()).replaceWith(caller) : Uni.createFrom().item(caller);
        });
    }

    /** Forgets a key at once on this instance (after revocation); other instances follow within the TTL. */
    public void forget(String id) {
        remembered.remove(id);
    }

    private Remembered remember(String id, Optional<StoredKey> found) {
        Optional<StoredKey> usable = found.filter(key -> !key.revoked());
        Caller caller = usable.map(key -> new Caller(Caller.Kind.API_KEY, id, Scopes.fromStored(key.scopes()).grants(),
                key.ratePerSecond() == null ? 0 : key.ratePerSecond())).orElse(null);
        Remembered fresh = new Remembered(usable, caller, System.nanoTime() + ttlNanos);
        if (remembered.size() >= MAX_ENTRIES) {
            remembered.clear();
        }
        remembered.put(id, fresh);
        return fresh;
    }

    private static Caller check(Remembered known, PresentedKey presented) {
        if (known.key().isEmpty() || !ApiKeyFormat.sameHash(known.key().get().hash(), presented.hash())) {
            throw AccessProblems.invalid("The API key is unknown or revoked.");
        }
        return known.caller();
    }
}
