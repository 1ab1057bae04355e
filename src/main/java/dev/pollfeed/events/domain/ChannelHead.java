package dev.pollfeed.events.domain;

/**
 * What one indexed lookup tells about a channel: its highest committed seq and the oldest seq still stored. Seqs are
 * gapless, so these two numbers determine every page of the channel, and so its ETag, without reading events.
 */
public record ChannelHead(long head, long oldest) {

    /** A channel never written. */
    public static final ChannelHead EMPTY = new ChannelHead(0, 1);
}
