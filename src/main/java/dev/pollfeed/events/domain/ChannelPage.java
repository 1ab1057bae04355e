package dev.pollfeed.events.domain;

import java.util.List;

import dev.pollfeed.kernel.ChannelName;

/**
 * One channel's answer to a poll. {@code next} is the seq of the last event returned (or the cursor when none);
 * {@code more} says events after {@code next} exist now. A full page never changes.
 */
public record ChannelPage(ChannelName channel, List<StoredEvent> events, long next, boolean more) {
}
