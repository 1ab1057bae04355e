package dev.pollfeed.events.rest;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.pollfeed.config.PollfeedConfig;
import dev.pollfeed.events.service.RecentEvents;

/**
 * Multi-channel poll bodies with events, by their ETag, written once for the polls that ask for the same pages again
 * (every client of a set of channels catches up with the same cursors after events land). A strong ETag fixes its body byte for byte
 * (gapless seqs, immutable events, the byte budget in the tag), so a body kept is never wrong; building ten pages per
 * 10-channel poll was the largest part of its JVM time (bench/README.md, "Polls from memory: the JVM's part").
 * Bounded by bytes: a share of {@code pollfeed.polling.recent-events-bytes} ({@link RecentEvents#bodiesBytes}).
 */
@ApplicationScoped
class RecentBodies {

    /** Bytes of an entry beside its body (the key, Caffeine's node). */
    private static final int ENTRY_BYTES = 120;

    private final Cache<String, byte[]> bodies;

    @Inject
    RecentBodies(PollfeedConfig config) {
        this(RecentEvents.bodiesBytes(config.polling().recentEventsBytes()));
    }

    RecentBodies(long bytes) {
        this.bodies = bytes <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(bytes)
                        .weigher((String etag, byte[] body) -> body.length + ENTRY_BYTES)
                        .build();
    }

    /** The body of the answer tagged {@code etag}: the one kept, or {@code build}'s, then kept. */
    byte[] body(String etag, Supplier<byte[]> build) {
        if (bodies == null) {
            return build.get();
        }
        byte[] body = bodies.getIfPresent(etag);
        if (body == null) {
            body = build.get();
            bodies.put(etag, body);
        }
        return body;
    }

    /** Forgets every body (tests that compare a body from memory with one from the database). */
    void forget() {
        if (bodies != null) {
            bodies.invalidateAll();
        }
    }

    /** Bodies held now, after pending evictions (tests of the bound). */
    long size() {
        if (bodies == null) {
            return 0;
        }
        bodies.cleanUp();
        return bodies.estimatedSize();
    }
}
