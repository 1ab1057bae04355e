package dev.pollfeed.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The channel paths matched by hand ahead of the routes (polls, a channel's stats and series): only paths a route
 * would match with the same undecoded name; everything else is left to the routes (and their decoding).
 */
class ChannelPathsTest {

    @Test
    void plainNamesAreTakenAsTheyStand() {
        assertEquals("orders", ChannelPaths.plainChannel("/v1/channels/orders/events", "/events"));
        assertEquals("a.b-c_d:1", ChannelPaths.plainChannel("/v1/channels/a.b-c_d:1/events", "/events"));
        assertEquals("x", ChannelPaths.plainChannel("/v1/channels/x/events", "/events"));
        assertEquals("m7", ChannelPaths.plainChannel("/v1/channels/m7/stats", "/stats"));
        assertEquals("m7", ChannelPaths.plainChannel("/v1/channels/m7/stats/series", "/stats/series"));
    }

    @Test
    void anythingElseGoesToTheRoutes() {
        assertNull(ChannelPaths.plainChannel(null, "/events"));
        assertNull(ChannelPaths.plainChannel("/v1/channels//events", "/events"));
        assertNull(ChannelPaths.plainChannel("/v1/channels/events", "/events"));
        assertNull(ChannelPaths.plainChannel("/v1/channels/a%2Fb/events", "/events"));
        assertNull(ChannelPaths.plainChannel("/v1/channels/a%20b/events", "/events"));
        assertNull(ChannelPaths.plainChannel("/v1/channels/a/b/events", "/events"));
        assertNull(ChannelPaths.plainChannel("/v1/channels/a/events/", "/events"));
        assertNull(ChannelPaths.plainChannel("/v1/channels/a/stats", "/events"));
        assertNull(ChannelPaths.plainChannel("/v1/channels/a/stats/series", "/stats"));
        assertNull(ChannelPaths.plainChannel("/v1/channels/a/b/stats", "/stats"));
        assertNull(ChannelPaths.plainChannel("/v1/channels/stats", "/stats"));
        assertNull(ChannelPaths.plainChannel("/v1/events", "/events"));
        assertNull(ChannelPaths.plainChannel("/V1/channels/a/events", "/events"));
    }
}
