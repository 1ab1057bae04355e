package dev.pollfeed.events.domain;

import dev.pollfeed.kernel.ChannelName;

/** The events of a channel with {@code after < seq <= upTo}: what the events statements take, one range or many. */
public interface EventRange {

    ChannelName channel();

    long after();

    long upTo();
}
