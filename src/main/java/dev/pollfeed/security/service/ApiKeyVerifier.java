package dev.pollfeed.security.service;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.security.domain.ApiKeyFormat;
import dev.pollfeed.security.domain.ApiKeyFormat.PresentedKey;
import dev.pollfeed.security.domain.Caller;
import dev.pollfeed.security.domain.Scopes;
import dev.pollfeed.security.repository.ApiKeyLookup;
import dev.pollfeed.security.repository.ApiKeyLookup.StoredKey;

/**
 * Checks a presented API key against the stored hash. An id without a valid tag ({@link KeyIdTags}) is refused without
 * a statement. What the database said about an id is remembered for {@code pollfeed.security.key-cache-ttl}, so a busy
 * publisher costs one lookup per period; the hash comparison itself runs on every request, in constant time. Known
 * keys and unknown ids are remembered in separate bounded caches (least recently used out first), so a flood of unknown
 * ids never pushes out the keys in use.
 */
@ApplicationScoped
class ApiKeyVerifier {

    /** Ids remembered per cache: random ids cannot grow memory without bound. */
    private static final int MAX_ENTRIES = 10_000;

    private final ApiKeyLookup lookup;
    private final KeyIdTags tags;
    private final Cache<String, Remembered> known;
    private final Cache<String, Remembered> unknown;

    ApiKeyVerifier(ApiKeyLookup lookup, KeyIdTags tags, PollfeedConfig config) {
        this.lookup = lookup;
        this.tags = tags;
        Duration ttl = config.security().keyCacheTtl();
        this.known = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(ttl).build();
        this.unknown = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(ttl).build();
    }

    /** What the database holds for an id; {@code key} is empty for an unknown or revoked one. */
    private record Remembered(Optional<StoredKey> key, Caller caller) {
    }

    public Uni<Caller> verify(PresentedKey presented) {
        Remembered remembered = known.getIfPresent(presented.id());
        if (remembered == null) {
            remembered = unknown.getIfPresent(presented.id());
        }
        if (remembered != null) {
            return Uni.createFrom().item(check(remembered, presented));
        }
        return tags.mayExist(presented.id()).chain(mayExist -> {
            if (!mayExist) {
                return Uni.createFrom().failure(AccessProblems.invalid("The API key is unknown or revoked."));
            }
            return lookup.find(presented.id()).chain(found -> {
                Remembered fresh = remember(presented.id(), found);
                Caller caller = check(fresh, presented);
                boolean touchDue = fresh.key().map(StoredKey::touchDue).orElse(false);
                return touchDue ? lookup.touch(presented.id()).replaceWith(caller) : Uni.createFrom().item(caller);
            });
        });
    }

    /** Forgets a key at once on this instance (after revocation); other instances follow within the TTL. */
    public void forget(String id) {
        known.invalidate(id);
        unknown.invalidate(id);
    }

    private Remembered remember(String id, Optional<StoredKey> found) {
        Optional<StoredKey> usable = found.filter(key -> !key.revoked());
        Caller caller = usable.map(key -> new Caller(Caller.Kind.API_KEY, id, Scopes.fromStored(key.scopes()).grants(),
                key.ratePerSecond() == null ? 0 : key.ratePerSecond())).orElse(null);
        Remembered fresh = new Remembered(usable, caller);
        (usable.isPresent() ? known : unknown).put(id, fresh);
        return fresh;
    }

    private static Caller check(Remembered known, PresentedKey presented) {
        if (known.key().isEmpty() || !ApiKeyFormat.sameHash(known.key().get().hash(), presented.hash())) {
            throw AccessProblems.invalid("The API key is unknown or revoked.");
        }
        return known.caller();
    }
}
