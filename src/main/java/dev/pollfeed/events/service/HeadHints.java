package dev.pollfeed.events.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The last head this instance read for each channel, used only to choose how to read, never what to answer: a poll
 * whose cursor is at or past the last known head is probably caught up, and one head lookup (an index probe shared
 * with other polls) answers it; a poll behind it will get events, and reads head and events in one statement. Either
 * way the answer comes from the database at the time of the poll. Bounded: forgotten wholesale when full.
 */
@ApplicationScoped
class HeadHints {

    static final int MAX_CHANNELS = 100_000;

    private final Map<String, Long> heads = new ConcurrentHashMap<>();

    /** True when no events are expected after {@code after} (or the channel was not seen yet: most polls find none). */
    public boolean probablyCaughtUp(String channel, long after) {
        Long head = heads.get(channel);
        return head == null || after >= head;
    }

    /** The last head seen for the channel, 0 when none was. */
    public long lastSeen(String channel) {
        Long head = heads.get(channel);
        return head == null ? 0 : head;
    }

    public void saw(String channel, long head) {
        Long known = heads.get(channel);
        if (known != null && known == head) {
            return; // the common case on the poll path: nothing to write
        }
        if (known == null && heads.size() >= MAX_CHANNELS) {
            heads.clear();
        }
        heads.put(channel, head);
    }
}
