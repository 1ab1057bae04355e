package dev.pollfeed.stats;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which answers were asked for within the freshness bound, so that only those are kept: a fixed table of key hashes
 * and the millisecond each was last asked. At 1,000,000 channels nearly every stats request names a channel nobody
 * asks again, and keeping each answer for the bound only promoted garbage to the old generation (bench/README.md,
 * "Stats at scale, 2026-12-03 night"). A dashboard asked for twice within the bound is kept from then on; a slot
 * taken over by another key, or two keys of one hash, only cost or save one read.
 */
final class RecentAsks {

    private static final int SLOTS = 1 << 15;

    private final AtomicLongArray slots = new AtomicLongArray(SLOTS);
    private final int boundMillis;

    RecentAsks(long boundMillis) {
        this.boundMillis = (int) Math.min(Integer.MAX_VALUE, boundMillis);
    }

    /** Whether {@code key} was asked for within the bound before {@code nowMillis}; records this ask either way. */
    boolean askedBefore(String key, long nowMillis) {
        int hash = key.hashCode();
        int slot = (hash ^ (hash >>> 15)) & (SLOTS - 1);
        int now = (int) nowMillis;
        long previous = slots.getAndSet(slot, ((long) hash << 32) | (now & 0xFFFF_FFFFL));
        return previous != 0 && (int) (previous >>> 32) == hash && now - (int) previous < boundMillis;
    }
}
