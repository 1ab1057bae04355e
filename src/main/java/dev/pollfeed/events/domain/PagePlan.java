package dev.pollfeed.events.domain;

import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.kernel.Refusal;

/**
 * What a poll will answer, worked out from the channel's head alone: the page holds the events with
 * {@code after < seq <= upTo}. Because seqs are gapless and events immutable, the plan fixes the body byte for byte,
 * so the ETag can be computed (and a 304 sent) before any event is read.
 */
public record PagePlan(ChannelName channel, long after, long upTo, boolean more) implements EventRange {

    public static PagePlan of(ChannelName channel, ChannelHead head, Since since, int limit) {
        if (since instanceof Since.Now) {
            return new PagePlan(channel, head.head(), head.head(), false);
        }
        long after = ((Since.After) since).seq();
        if (after < head.oldest() - 1) {
            throw Refusal.expired("cursor-expired", "Cursor expired",
                    "Events after " + after + " in channel '" + channel
                            + "' are no longer retained; the oldest available seq is "
                            + head.oldest() + ". Resume from since=" + (head.oldest() - 1) + " or since=now.")
                    .with("oldest", head.oldest())
                    .with("channel", channel.value());
        }
        if (after >= head.head()) {
            // Caught up, or ahead of this database (a lagging replica, or a client that wrote then polls): empty.
            return new PagePlan(channel, after, after, false);
        }
        long upTo = head.head() - after > limit ? after + limit : head.head();
        return new PagePlan(channel, after, upTo, head.head() > upTo);
    }

    public boolean hasEvents() {
        return upTo > after;
    }

    public long next() {
        return upTo;
    }

    public int expectedEvents() {
        return (int) (upTo - after);
    }
}
