package dev.pollfeed.security.domain;

import dev.pollfeed.kernel.ChannelName;
import dev.pollfeed.kernel.ChannelPatterns;

/**
 * What a caller may do: read and publish on channel patterns, and, for {@code admin}, everything including key
 * management. Publishing does not imply reading: a backend that only writes cannot leak a channel.
 */
public record Grants(ChannelPatterns read, ChannelPatterns publish, boolean admin) {

    public static final Grants NONE = new Grants(ChannelPatterns.NONE, ChannelPatterns.NONE, false);
    public static final Grants ADMIN = new Grants(ChannelPatterns.NONE, ChannelPatterns.NONE, true);

    public boolean mayRead(ChannelName channel) {
        return admin || read.covers(channel);
    }

    public boolean mayPublish(ChannelName channel) {
        return admin || publish.covers(channel);
    }

    /** Deployment-wide views (stats over all channels) need read on {@code *}: they summarise every channel. */
    public boolean mayReadEverything() {
        return admin || read.coverEverything();
    }
}
