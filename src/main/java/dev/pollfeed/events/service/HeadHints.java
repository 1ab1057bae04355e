package dev.pollfeed.events.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The last head this instance read for each channel, used only to choose how to read, never what to answer: a poll
 * whose cursor is at or past the last known head is probably caught up, and one head lookup (an index probe shared
 * with other polls) answers it; a poll behind it will get events, and reads head and events in one statement. Either
 * way the answer comes from the database at the time of the poll. Bounded: Caffeine keeps the most used channels, so
 * a flood of new names does not push out the ones polled.
 */
@ApplicationScoped
class HeadHints {

    static final int MAX_CHANNELS = 100_000;

    private final Cache<String, Long> heads = Caffeine.newBuilder().maximumSize(MAX_CHANNELS).build();

    /** True when no events are expected after {@code after} (or the channel was not seen yet: most polls find none). */
    public boolean probablyCaughtUp(String channel, long after) {
        Long head = heads.getIfPresent(channel);
        return head == null || after >= head;
    }

    /** The last head seen for the channel, 0 when none was. */
    public long lastSeen(String channel) {
        Long head = heads.getIfPresent(channel);
        return head == null ? 0 : head;
    }

    public void saw(String channel, long head) {
        Long known = heads.getIfPresent(channel);
        if (known != null && known == head) {
            return; // the common case on the poll path: nothing to write
        }
        heads.put(channel, head);
    }

    /** Channels remembered, after pending evictions (tests of the bound). */
    long size() {
        heads.cleanUp();
        return heads.estimatedSize();
    }
}
