package dev.pollfeed.events.domain;

import java.util.List;

/**
 * A channel's head and the events {@code after < seq <= min(upTo, head)}, read in one statement (one snapshot): what a
 * poll without {@code If-None-Match} needs, since it will answer 200 whatever the head is.
 */
public record PageRead(ChannelHead head, List<StoredEvent> events) {

    /** A channel never written. */
    public static final PageRead EMPTY = new PageRead(ChannelHead.EMPTY, List.of());

    /** What a poll asks for: its cursor, and where its page would end if the head is far enough. */
    public record Request(ChannelName channel, long after, long upTo) implements EventRange {

        public static Request of(ChannelName channel, Since.After since, int limit) {
            long after = since.seq();
            return new Request(channel, after, after > Long.MAX_VALUE - limit ? Long.MAX_VALUE : after + limit);
        }
    }
}
