package dev.pollfeed.events.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The polls matched by hand ahead of the events route: only paths the route would match with the same undecoded
 * name; everything else is left to the route (and its decoding).
 */
class PlainChannelTest {

    @Test
    void plainNamesAreTakenAsTheyStand() {
        assertEquals("orders", EventsRoute.plainChannel("/v1/channels/orders/events"));
        assertEquals("a.b-c_d:1", EventsRoute.plainChannel("/v1/channels/a.b-c_d:1/events"));
        assertEquals("x", EventsRoute.plainChannel("/v1/channels/x/events"));
    }

    @Test
    void anythingElseGoesToTheRoute() {
        assertNull(EventsRoute.plainChannel(null));
        assertNull(EventsRoute.plainChannel("/v1/channels//events"));
        assertNull(EventsRoute.plainChannel("/v1/channels/events"));
        assertNull(EventsRoute.plainChannel("/v1/channels/a%2Fb/events"));
        assertNull(EventsRoute.plainChannel("/v1/channels/a%20b/events"));
        assertNull(EventsRoute.plainChannel("/v1/channels/a/b/events"));
        assertNull(EventsRoute.plainChannel("/v1/channels/a/events/"));
        assertNull(EventsRoute.plainChannel("/v1/channels/a/stats"));
        assertNull(EventsRoute.plainChannel("/v1/events"));
        assertNull(EventsRoute.plainChannel("/V1/channels/a/events"));
    }
}
