package dev.pollfeed.events.domain;

import java.util.List;

import dev.pollfeed.kernel.ChannelName;

/**
 * A channel's head and the events {@code after < seq <= min(upTo, head)}, read in one statement (one snapshot): what a
 * poll without {@code If-None-Match} needs, since it will answer 200 whatever the head is.
 */
public record PageRead(ChannelHead head, List<StoredEvent> events) {

    /** A channel never written. */
    public static final PageRead EMPTY = new PageRead(ChannelHead.EMPTY, List.of());

    /**
     * What a poll asks for: its cursor, where its page would end if the head is far enough, and how many events it
     * probably gets (from the last head seen), which sizes the statements it shares with other polls.
     */
    public record Request(ChannelName channel, long after, long upTo, int expected) implements EventRange {

        public static Request of(ChannelName channel, Since.After since, int limit, long lastSeenHead) {
            long after = since.seq();
            long upTo = after > Long.MAX_VALUE - limit ? Long.MAX_VALUE : after + limit;
            return new Request(channel, after, upTo, (int) Math.max(1, Math.min(upTo, lastSeenHead) - after));
        }
    }
}
