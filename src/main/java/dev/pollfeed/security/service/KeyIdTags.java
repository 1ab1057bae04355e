package dev.pollfeed.security.service;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.pollfeed.security.domain.ApiKeyFormat;
import dev.pollfeed.security.repository.ApiKeyLookup;
import dev.pollfeed.security.repository.ApiKeyLookup.TagMaterial;

/**
 * Refuses made-up API key ids in memory: a key id ends in a tag under a secret kept in the database (V6), read once
 * per instance, so a flood of unknown keys costs no database statement (one id in about a million passes by chance and
 * is looked up). Keys made before ids were tagged stay valid: their ids are read with the secret and looked up as
 * before, and re-read every few minutes in case an instance still running older code made one.
 */
@ApplicationScoped
class KeyIdTags {

    private static final long REFRESH_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final ApiKeyLookup lookup;
    private volatile Loaded loaded;

    KeyIdTags(ApiKeyLookup lookup) {
        this.lookup = lookup;
    }

    private record Loaded(byte[] secret, Set<String> untaggedIds, long at) {
    }

    /** Whether the id may name a key, so that looking it up is worth a statement. */
    public Uni<Boolean> mayExist(String id) {
        return material().map(material -> ApiKeyFormat.hasTag(material.secret(), id)
                || material.untaggedIds().contains(id));
    }

    /** The secret new key ids are tagged with. */
    public Uni<byte[]> secret() {
        return material().map(Loaded::secret);
    }

    /** Reads the untagged ids again at the next check (tests; the next refresh does it anyway). */
    void reload() {
        loaded = null;
    }

    private Uni<Loaded> material() {
        Loaded current = loaded;
        if (current != null && System.nanoTime() - current.at() < REFRESH_NANOS) {
            return Uni.createFrom().item(current);
        }
        return lookup.tagMaterial().map(this::loaded);
    }

    private Loaded loaded(TagMaterial material) {
        Loaded fresh = new Loaded(material.secret(), material.untaggedIds(), System.nanoTime());
        loaded = fresh;
        return fresh;
    }
}
